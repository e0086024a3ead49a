# wormwatch host: the judged cases on hand-written fixtures, every real
# output in ../shared/data/artifacts (skipped when that folder is absent),
# the namespace test for --live (skipped unless root), and the benchmark's
# generator as a smoke test.
add_test(NAME host.cases
         COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/host/cases.sh $<TARGET_FILE:wormwatch>
                 ${CMAKE_CURRENT_SOURCE_DIR}/host)
add_test(NAME host.artifacts
         COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/host/artifacts.sh $<TARGET_FILE:wormwatch>
                 ${WW_SHARED_DIR}/data/artifacts)
add_test(NAME host.netns
         COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/host_netns.sh $<TARGET_FILE:wormwatch>)
set_tests_properties(host.cases host.artifacts host.netns PROPERTIES
                     ENVIRONMENT "TZ=UTC" SKIP_RETURN_CODE 77)
set_tests_properties(host.netns PROPERTIES TIMEOUT 120)
add_test(NAME host.collect_script
         COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/host/collect_script.sh
                 ${CMAKE_SOURCE_DIR}/scripts/collect-windows.cmd)
add_test(NAME host.seed001
         COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/host/seed001.sh $<TARGET_FILE:wormwatch>
                 ${WW_SHARED_DIR}/seeds)
set_tests_properties(host.seed001 PROPERTIES SKIP_RETURN_CODE 77)
add_test(NAME host.golden
         COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/host/golden.sh $<TARGET_FILE:wormwatch>
                 ${CMAKE_SOURCE_DIR})
