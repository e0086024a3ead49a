# Outputs and command-line conventions (issue 13): -o/--format, the JSON
# schema, JSON lines, CSV, --write-evidence, progress on a terminal.
set(OUT_DIR ${CMAKE_CURRENT_SOURCE_DIR}/outputs)

# Every subcommand's JSON and JSON lines on real inputs against
# docs/schema/wormwatch.schema.json; mutated documents must be rejected.
add_test(NAME outputs.schema
         COMMAND sh ${OUT_DIR}/schema.sh $<TARGET_FILE:wormwatch>
                 ${CMAKE_SOURCE_DIR}/docs/schema/wormwatch.schema.json ${CMAKE_BINARY_DIR}/demo
                 ${CMAKE_CURRENT_SOURCE_DIR} ${WW_SHARED_DIR}/data $<TARGET_FILE:offline_mkhive>
                 $<TARGET_FILE:ww_wormsim> $<TARGET_FILE:wwgen>)
set_tests_properties(outputs.schema PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300
                     ENVIRONMENT "TZ=UTC")

# -o FILE = standard output for every command; --json = --format json;
# JSON lines self-describing; CSV by RFC 4180 with formula cells made inert.
add_test(NAME outputs.formats
         COMMAND sh ${OUT_DIR}/formats.sh $<TARGET_FILE:wormwatch> ${CMAKE_BINARY_DIR}/demo
                 ${CMAKE_CURRENT_SOURCE_DIR})
set_tests_properties(outputs.formats PROPERTIES SKIP_RETURN_CODE 77 ENVIRONMENT "TZ=UTC")

# analyze -w FILE.pcap: the culprits' packets, read back with tcpdump.
add_test(NAME outputs.evidence
         COMMAND sh ${OUT_DIR}/evidence.sh $<TARGET_FILE:wormwatch> ${CMAKE_BINARY_DIR}/demo
                 ${WW_SHARED_DIR}/data)
set_tests_properties(outputs.evidence PROPERTIES SKIP_RETURN_CODE 77 ENVIRONMENT "TZ=UTC")

# Progress on a pseudo-terminal (script(1)), none without one.
add_test(NAME outputs.progress
         COMMAND sh ${OUT_DIR}/progress.sh $<TARGET_FILE:wormwatch> ${CMAKE_BINARY_DIR}/demo/office.pcap)
set_tests_properties(outputs.progress PROPERTIES SKIP_RETURN_CODE 77 ENVIRONMENT "TZ=UTC")

# help per command, one usage line, unknown options, one letter one meaning.
add_test(NAME outputs.conventions
         COMMAND sh ${OUT_DIR}/conventions.sh $<TARGET_FILE:wormwatch>)
