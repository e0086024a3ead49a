# Issue 13, the input side (tests/inputs/, docs/inputs.md): compressed
# inputs told by content, no false all-clear (a content sniffer), analyze on
# folders with a BPF filter and time windows, a bad file among many,
# SIGINT/SIGTERM with a partial report, nat dumps as snapshots, flow files
# compressed, on standard input and interrupted.
set(WW_INPUTS_DIR ${CMAKE_CURRENT_SOURCE_DIR}/inputs)
foreach(t compressed sniff analyze signals nat_snapshots flows)
  add_test(NAME inputs.${t}
           COMMAND sh ${WW_INPUTS_DIR}/${t}.sh $<TARGET_FILE:wormwatch> $<TARGET_FILE:wwgen>
                   ${CMAKE_SOURCE_DIR} ${WW_SHARED_DIR}/data)
  set_tests_properties(inputs.${t} PROPERTIES ENVIRONMENT "TZ=UTC;WORMWATCH_HASH_SEED=1"
                       SKIP_RETURN_CODE 77 TIMEOUT 300)
endforeach()
