# The live page, alert outputs and containment (src/live/). The namespace
# tests need root and skip with 77 elsewhere; they run one at a time.
set(LIVE_DIR ${CMAKE_CURRENT_SOURCE_DIR}/live)
add_test(NAME live.netns
         COMMAND sh ${LIVE_DIR}/netns.sh $<TARGET_FILE:wormwatch> $<TARGET_FILE:ww_wormsim>
                 ${LIVE_DIR})
set_tests_properties(live.netns PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 120 RUN_SERIAL TRUE)
