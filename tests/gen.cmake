# Tests of the capture generator (tools/wwgen): determinism, seeds, every
# link layer and file format read back by tcpdump, packet counts, checksums
# and time order, the truth rows and story of office, propagation and
# exploits, usage and write errors. The checks
# live in gen_check.sh (its header lists the modes); 77 means skipped.
if(TARGET wwgen)
  set(WW_GEN_CHECK ${CMAKE_CURRENT_SOURCE_DIR}/gen_check.sh)
  set(WW_GEN_OUT ${CMAKE_CURRENT_BINARY_DIR}/gen)

  # Unit tests of the generator's arithmetic (rng, ranges, checksums) and
  # of the exploit payloads' offsets.
  add_executable(gen_unit ${CMAKE_CURRENT_SOURCE_DIR}/gen_unit.c
                 ${CMAKE_SOURCE_DIR}/tools/wwgen/rng.c ${CMAKE_SOURCE_DIR}/tools/wwgen/pkt.c
                 ${CMAKE_SOURCE_DIR}/tools/wwgen/payloads.c)
  target_include_directories(gen_unit PRIVATE ${CMAKE_SOURCE_DIR}/tools/wwgen
                             ${CMAKE_CURRENT_SOURCE_DIR})
  target_compile_options(gen_unit PRIVATE ${WW_WARNINGS})
  target_link_libraries(gen_unit PRIVATE wwcore)
  add_test(NAME gen.unit COMMAND gen_unit)

  function(ww_gen_test name)
    add_test(NAME gen.${name}
             COMMAND sh ${WW_GEN_CHECK} ${ARGN})
    set_tests_properties(gen.${name} PROPERTIES
      ENVIRONMENT "CMAKE=${CMAKE_COMMAND};TZ=UTC" SKIP_RETURN_CODE 77)
  endfunction()

  foreach(sc office portscan hscan sweep6 propagation exploits)
    ww_gen_test(same.${sc} same $<TARGET_FILE:wwgen> ${WW_GEN_OUT} ${sc})
    ww_gen_test(differ.${sc} differ $<TARGET_FILE:wwgen> ${WW_GEN_OUT} ${sc})
    ww_gen_test(valid.${sc} valid $<TARGET_FILE:wwgen> ${WW_GEN_OUT} ${sc})
  endforeach()
  ww_gen_test(same.office_pcapng_sll2 same $<TARGET_FILE:wwgen> ${WW_GEN_OUT} office
              --pcapng --link sll2)
  ww_gen_test(same.bench same $<TARGET_FILE:wwgen> ${WW_GEN_OUT} bench
              --packets 40000 --dests 25000)
  ww_gen_test(valid.bench valid $<TARGET_FILE:wwgen> ${WW_GEN_OUT} bench
              --packets 40000 --dests 25000)

  foreach(link en10mb vlan qinq sll sll2 raw null)
    foreach(fmt pcap pcapng)
      ww_gen_test(read.office.${link}.${fmt} read $<TARGET_FILE:wwgen> ${WW_GEN_OUT}
                  office ${link} ${fmt})
    endforeach()
    ww_gen_test(read.sweep6.${link} read $<TARGET_FILE:wwgen> ${WW_GEN_OUT}
                sweep6 ${link} pcapng)
    ww_gen_test(read.exploits.${link} read $<TARGET_FILE:wwgen> ${WW_GEN_OUT}
                exploits ${link} pcap)
  endforeach()

  # By construction: 2 ARP + 1000 SYNs + 1000 answers + 4 scanner RSTs.
  ww_gen_test(count.portscan count $<TARGET_FILE:wwgen> ${WW_GEN_OUT} portscan 2006)
  ww_gen_test(count.portscan_raw count $<TARGET_FILE:wwgen> ${WW_GEN_OUT} portscan 2004
              --link raw)
  ww_gen_test(dests.bench dests $<TARGET_FILE:wwgen> ${WW_GEN_OUT} 60000 35000)
  foreach(sc office propagation exploits)
    ww_gen_test(truth.${sc} truth $<TARGET_FILE:wwgen> ${WW_GEN_OUT} ${sc})
    ww_gen_test(story.${sc} story $<TARGET_FILE:wwgen> ${WW_GEN_OUT} ${sc})
  endforeach()
  ww_gen_test(usage usage $<TARGET_FILE:wwgen> ${WW_GEN_OUT})
  ww_gen_test(ioerr ioerr $<TARGET_FILE:wwgen> ${WW_GEN_OUT})
endif()
