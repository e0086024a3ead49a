# Flow records in (wormwatch flows): NetFlow v5, v9 and IPFIX made from the
# demo office capture by Debian's softflowd (over loopback UDP into
# --listen, and as a capture of its datagrams), nfcapd files from nfpcapd,
# wwgen's own exports; each must name the same culprits as analyze on the
# capture. The shared nfdump and Argus samples; damaged exports; a capture
# with no exports.
find_program(WW_PYTHON3 python3)
set(FL_RUN sh ${CMAKE_CURRENT_SOURCE_DIR}/flows/run.sh)
set(FL_TOOL ${CMAKE_CURRENT_SOURCE_DIR}/flows/flowtool.py)
set(FL_PCAP ${CMAKE_BINARY_DIR}/demo/office.pcap)
set(FL_TRUTH ${CMAKE_BINARY_DIR}/demo/office.truth.tsv)
if(WW_PYTHON3)
  macro(fl_test name)
    add_test(NAME flows.${name}
             COMMAND ${FL_RUN} ${ARGN})
    set_tests_properties(flows.${name} PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 120
                         ENVIRONMENT "TZ=UTC")
  endmacro()
  foreach(v 5 9 10)
    fl_test(listen.v${v} listen ${WW_PYTHON3} ${FL_TOOL} $<TARGET_FILE:wormwatch>
            ${FL_PCAP} ${FL_TRUTH} ${v})
    fl_test(pcap.v${v} pcap ${WW_PYTHON3} ${FL_TOOL} $<TARGET_FILE:wormwatch>
            ${FL_PCAP} ${FL_TRUTH} ${v})
  endforeach()
  # IPFIX biflows; sampled exports (the v5 header, a v9 options record,
  # IPFIX samplingPacketInterval/Space)
  foreach(v 10b 5s 9s 10s)
    fl_test(listen.v${v} listen ${WW_PYTHON3} ${FL_TOOL} $<TARGET_FILE:wormwatch>
            ${FL_PCAP} ${FL_TRUTH} ${v})
  endforeach()
  foreach(v 9 10)
    fl_test(hostile.v${v} hostile ${WW_PYTHON3} ${FL_TOOL} $<TARGET_FILE:wormwatch>
            ${FL_PCAP} ${FL_TRUTH} ${v})
  endforeach()
  # wwgen's own exports of the office scenario, from the same run that
  # writes its capture
  foreach(f v5 v9 ipfix)
    fl_test(wwgen.${f} wwgen ${WW_PYTHON3} ${FL_TOOL} $<TARGET_FILE:wormwatch>
            ${FL_PCAP} ${FL_TRUTH} $<TARGET_FILE:wwgen> ${f} office)
  endforeach()
  # more scenarios: an IPv6 sweep, a horizontal scan, a Mirai-like sprayer
  foreach(scn sweep6 hscan mirai)
    fl_test(wwgen.${scn} wwgen ${WW_PYTHON3} ${FL_TOOL} $<TARGET_FILE:wormwatch>
            ${FL_PCAP} ${FL_TRUTH} $<TARGET_FILE:wwgen> ipfix ${scn})
  endforeach()
  fl_test(nfpcapd nfpcapd ${WW_PYTHON3} ${FL_TOOL} $<TARGET_FILE:wormwatch>
          ${FL_PCAP} ${FL_TRUTH})
  fl_test(sample sample ${WW_PYTHON3} ${FL_TOOL} $<TARGET_FILE:wormwatch>
          ${FL_PCAP} ${FL_TRUTH} ${WW_SHARED_DIR}/data)
  fl_test(signal signal ${WW_PYTHON3} ${FL_TOOL} $<TARGET_FILE:wormwatch>
          ${FL_PCAP} ${FL_TRUTH})
  fl_test(noexports noexports ${WW_PYTHON3} ${FL_TOOL} $<TARGET_FILE:wormwatch>
          ${FL_PCAP} ${FL_TRUTH})
  # softflowd's control socket and pid file are per test (temp dir), but
  # run the softflowd tests one at a time all the same: they share the CPU
  set_tests_properties(flows.listen.v5 flows.listen.v9 flows.listen.v10 flows.listen.v10b
                       flows.listen.v5s flows.listen.v9s flows.listen.v10s
                       flows.pcap.v5 flows.pcap.v9 flows.pcap.v10
                       flows.hostile.v9 flows.hostile.v10
                       PROPERTIES RESOURCE_LOCK wwflows_softflowd)
endif()
