# wormwatch contain and verify (src/response/): golden rules for every
# --format from a hand-written result, hostile strings neutralised, bad
# input, S1 tables before/after (tests/router/make_fixtures.py, run here
# into a folder of our own), a generated before/after pair (wwgen office,
# office-after, office-after-one), and the namespace test of --apply/--undo
# (root only). The checks live in tests/response/check.sh and netns.sh.
set(RESP_DIR ${CMAKE_CURRENT_SOURCE_DIR}/response)
set(RESP_FX ${CMAKE_CURRENT_BINARY_DIR}/response_fx)
add_test(NAME response.golden
         COMMAND sh ${RESP_DIR}/check.sh golden $<TARGET_FILE:wormwatch> ${RESP_DIR})
add_test(NAME response.hostile
         COMMAND sh ${RESP_DIR}/check.sh hostile $<TARGET_FILE:wormwatch> ${RESP_DIR})
add_test(NAME response.badinput
         COMMAND sh ${RESP_DIR}/check.sh badinput $<TARGET_FILE:wormwatch> ${RESP_DIR})
add_test(NAME response.fixtures
         COMMAND python3 ${CMAKE_CURRENT_SOURCE_DIR}/router/make_fixtures.py ${RESP_FX})
set_tests_properties(response.fixtures PROPERTIES FIXTURES_SETUP response_fx)
add_test(NAME response.verify_s1
         COMMAND sh ${RESP_DIR}/check.sh s1 $<TARGET_FILE:wormwatch> ${RESP_FX})
set_tests_properties(response.verify_s1 PROPERTIES FIXTURES_REQUIRED response_fx)
if(TARGET wwgen)
  add_test(NAME response.verify_gen
           COMMAND sh ${RESP_DIR}/check.sh gen $<TARGET_FILE:wormwatch> $<TARGET_FILE:wwgen>)
  set_tests_properties(response.verify_gen PROPERTIES TIMEOUT 300)
endif()
# The nft.h API (for watch --contain) driven call by call in the namespaces.
add_executable(resp_nft_api ${RESP_DIR}/nft_api.c)
target_compile_options(resp_nft_api PRIVATE ${WW_WARNINGS})
target_link_libraries(resp_nft_api PRIVATE wwcore)
add_test(NAME response.verify_logs
         COMMAND sh ${RESP_DIR}/check.sh logs $<TARGET_FILE:wormwatch> ${WW_SHARED_DIR}/data)
set_tests_properties(response.verify_logs PROPERTIES SKIP_RETURN_CODE 77)
add_test(NAME response.netns
         COMMAND sh ${RESP_DIR}/netns.sh $<TARGET_FILE:wormwatch> $<TARGET_FILE:resp_nft_api>)
set_tests_properties(response.netns PROPERTIES TIMEOUT 120)
set_tests_properties(response.golden response.hostile response.badinput response.verify_s1
                     response.netns PROPERTIES ENVIRONMENT "TZ=UTC" SKIP_RETURN_CODE 77)

# The generator's after-the-clean-up scenarios (tools/wwgen/scenarios_after.c):
# same seed same bytes, seeds differ, valid for tcpdump (gen_check.sh).
if(TARGET wwgen AND COMMAND ww_gen_test)
  foreach(sc office-after office-after-one)
    ww_gen_test(same.${sc} same $<TARGET_FILE:wwgen> ${WW_GEN_OUT} ${sc})
    ww_gen_test(differ.${sc} differ $<TARGET_FILE:wwgen> ${WW_GEN_OUT} ${sc})
    ww_gen_test(valid.${sc} valid $<TARGET_FILE:wwgen> ${WW_GEN_OUT} ${sc})
  endforeach()
endif()
