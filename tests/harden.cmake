# Issue 14: hostile input must not blind the detector, reach the terminal or
# inject commands (tests/harden/, docs/guarantees.md).
add_test(NAME harden.escape
         COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/harden/escape.sh $<TARGET_FILE:wormwatch>
                 ${CMAKE_SOURCE_DIR})
set_tests_properties(harden.escape PROPERTIES ENVIRONMENT "TZ=UTC" SKIP_RETURN_CODE 77)

# A sanitizer report exits 86 (core/diag.c), never a verdict's 0..3; an
# edge-timestamp pcapng (near 2^64, coarse if_tsresol) is clamped with a
# warning, no undefined behaviour (under the asan preset this is UBSan's
# view of it).
add_executable(harden_sanexit ${CMAKE_CURRENT_SOURCE_DIR}/harden/sanexit.c)
target_compile_options(harden_sanexit PRIVATE ${WW_WARNINGS})
target_link_libraries(harden_sanexit PRIVATE wwcore)
add_test(NAME harden.timestamps
         COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/harden/timestamps.sh $<TARGET_FILE:wormwatch>
                 ${CMAKE_SOURCE_DIR} $<TARGET_FILE:harden_sanexit>)
set_tests_properties(harden.timestamps PROPERTIES ENVIRONMENT "TZ=UTC" SKIP_RETURN_CODE 77)

# Over-long lines: reported and skipped whole, never parsed cut.
add_test(NAME harden.longlines
         COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/harden/longlines.sh $<TARGET_FILE:wormwatch>)
set_tests_properties(harden.longlines PROPERTIES SKIP_RETURN_CODE 77)

# One bad file does not lose the host report; FIFOs, devices and binary
# streams neither block nor read forever.
add_test(NAME harden.inputs
         COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/harden/inputs.sh $<TARGET_FILE:wormwatch>
                 ${CMAKE_CURRENT_SOURCE_DIR}/host/s2)
set_tests_properties(harden.inputs PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 200)

# watch --json-out: no symlink followed, whole lines only on a full disk,
# exit 74 when alerts were lost (the namespace part needs root).
add_test(NAME harden.watch_out
         COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/harden/watch_out.sh $<TARGET_FILE:wormwatch>
                 ${CMAKE_CURRENT_SOURCE_DIR}/harden/sweep.py)
set_tests_properties(harden.watch_out PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 120 RUN_SERIAL TRUE)

# Without privileges: what is needed and how to grant it (root only).
add_test(NAME harden.privs
         COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/harden/privs.sh $<TARGET_FILE:wormwatch>)
set_tests_properties(harden.privs PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 60)

# A spoofed-source flood fills the host tables, then a worm: found by
# analyze, logs and nat, with exact eviction counts and a pressure alert.
if(TARGET wwgen)
  # the memory bound is the release one; sanitizers add their shadow memory
  if(CMAKE_C_FLAGS MATCHES "sanitize")
    set(WW_FLOOD_RSS_MB 1024)
  else()
    set(WW_FLOOD_RSS_MB 256)
  endif()
  add_test(NAME harden.flood
           COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/harden/flood.sh $<TARGET_FILE:wormwatch>
                   $<TARGET_FILE:wwgen> ${CMAKE_SOURCE_DIR} ${WW_FLOOD_RSS_MB})
  set_tests_properties(harden.flood PROPERTIES ENVIRONMENT "TZ=UTC" SKIP_RETURN_CODE 77 TIMEOUT 300)
endif()

# The flood live: watch in a namespace (root only).
add_test(NAME harden.watch_flood
         COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/harden/watch_flood.sh $<TARGET_FILE:wormwatch>
                 ${CMAKE_CURRENT_SOURCE_DIR}/harden/flood_send.py)
set_tests_properties(harden.watch_flood PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 120 RUN_SERIAL TRUE)

# wwgen's flood scenario: the same seed gives the same bytes, and tcpdump
# reads it back valid (tests/gen_check.sh).
if(TARGET wwgen AND COMMAND ww_gen_test)
  ww_gen_test(same.flood same $<TARGET_FILE:wwgen> ${WW_GEN_OUT} flood)
  ww_gen_test(valid.flood valid $<TARGET_FILE:wwgen> ${WW_GEN_OUT} flood)
  ww_gen_test(count.flood count $<TARGET_FILE:wwgen> ${WW_GEN_OUT} flood 200374)
endif()
