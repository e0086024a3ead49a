# The live page, alert outputs and containment (src/live/). The namespace
# tests need root and skip with 77 elsewhere; they run one at a time.
set(LIVE_DIR ${CMAKE_CURRENT_SOURCE_DIR}/live)
add_test(NAME live.netns
         COMMAND sh ${LIVE_DIR}/netns.sh $<TARGET_FILE:wormwatch> $<TARGET_FILE:ww_wormsim>
                 ${LIVE_DIR})
set_tests_properties(live.netns PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 120 RUN_SERIAL TRUE)
add_test(NAME live.hostile
         COMMAND sh ${LIVE_DIR}/hostile.sh $<TARGET_FILE:wormwatch> ${LIVE_DIR})
set_tests_properties(live.hostile PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 90 RUN_SERIAL TRUE)
add_test(NAME live.outputs
         COMMAND sh ${LIVE_DIR}/outputs.sh $<TARGET_FILE:wormwatch> $<TARGET_FILE:ww_wormsim>)
set_tests_properties(live.outputs PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 90 RUN_SERIAL TRUE)
add_test(NAME live.http
         COMMAND sh ${LIVE_DIR}/http.sh $<TARGET_FILE:wormwatch> ${LIVE_DIR})
set_tests_properties(live.http PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 120 RUN_SERIAL TRUE)
