# wormwatch report: bad input, and the page in a real browser (headless
# Chromium, network cut off) built from real results: the generated demo
# and propagation captures, the S1 NAT table and its watch samples (the
# router fixtures), the S1 host outputs, ../shared's captures and host
# outputs, hostile inputs, and the Japanese page (LANG=ja_JP.UTF-8). See
# tests/report/check_report.py.
find_program(WW_PYTHON3 python3)
set(RP_DIR ${CMAKE_CURRENT_SOURCE_DIR}/report)
set(RP_FX ${CMAKE_CURRENT_BINARY_DIR}/router_fx)

add_test(NAME report.badinput
         COMMAND sh ${RP_DIR}/badinput.sh $<TARGET_FILE:wormwatch> ${RP_DIR}/verify_s1.json)

if(WW_PYTHON3)
  foreach(mode demo svg hostile shared ja)
    add_test(NAME report.browser.${mode}
             COMMAND ${WW_PYTHON3} ${RP_DIR}/check_report.py ${mode}
                     $<TARGET_FILE:wormwatch> $<TARGET_FILE:wwgen>
                     ${CMAKE_BINARY_DIR}/demo/office.pcap ${RP_FX} ${CMAKE_SOURCE_DIR}
                     ${WW_SHARED_DIR})
    set_tests_properties(report.browser.${mode} PROPERTIES
                         FIXTURES_REQUIRED router_fx SKIP_RETURN_CODE 77
                         ENVIRONMENT "TZ=UTC" TIMEOUT 600 LABELS browser)
  endforeach()
endif()
