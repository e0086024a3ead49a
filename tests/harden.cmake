# Issue 14: hostile input must not blind the detector, reach the terminal or
# inject commands (tests/harden/, docs/guarantees.md).
add_test(NAME harden.escape
         COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/harden/escape.sh $<TARGET_FILE:wormwatch>
                 ${CMAKE_SOURCE_DIR})
set_tests_properties(harden.escape PROPERTIES ENVIRONMENT "TZ=UTC" SKIP_RETURN_CODE 77)
