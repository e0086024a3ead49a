# Outputs and command-line conventions (issue 13): -o/--format, the JSON
# schema, JSON lines, CSV, --write-evidence, progress on a terminal.
set(OUT_DIR ${CMAKE_CURRENT_SOURCE_DIR}/outputs)

# Every subcommand's JSON and JSON lines on real inputs against
# docs/schema/wormwatch.schema.json; mutated documents must be rejected.
add_test(NAME outputs.schema
         COMMAND sh ${OUT_DIR}/schema.sh $<TARGET_FILE:wormwatch>
                 ${CMAKE_SOURCE_DIR}/docs/schema/wormwatch.schema.json ${CMAKE_BINARY_DIR}/demo
                 ${CMAKE_CURRENT_SOURCE_DIR} ${WW_SHARED_DIR}/data $<TARGET_FILE:offline_mkhive>
                 $<TARGET_FILE:ww_wormsim>)
set_tests_properties(outputs.schema PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300
                     ENVIRONMENT "TZ=UTC")
