# Router inputs: nat and logs on generated and hand-written inputs, the
# logs/ rows of the shared TRUTH.tsv, and the namespace end-to-end test.
find_program(WW_PYTHON3 python3)
set(RT_DIR ${CMAKE_CURRENT_SOURCE_DIR}/router)
set(RT_FX ${CMAKE_CURRENT_BINARY_DIR}/router_fx)
set(RT_RUN sh ${RT_DIR}/run_check.sh ${RT_DIR}/check.py)
set(WW $<TARGET_FILE:wormwatch>)

if(WW_PYTHON3)
  add_test(NAME router.fixtures COMMAND ${WW_PYTHON3} ${RT_DIR}/make_fixtures.py ${RT_FX})
  set_tests_properties(router.fixtures PROPERTIES FIXTURES_SETUP router_fx)

  macro(rt_test name want)
    add_test(NAME router.${name} COMMAND ${RT_RUN} ${want} ${WW} ${ARGN})
    set_tests_properties(router.${name} PROPERTIES FIXTURES_REQUIRED router_fx
                         ENVIRONMENT "TZ=UTC")
  endmacro()

  # S1: a full 1,024-entry table, two infected PCs, four normal users; both forms
  foreach(form proc tool)
    rt_test(s1.${form} 3 nat --json --max 1024 ${RT_FX}/s1_${form}.txt --
            192.168.1.23=infected 192.168.1.37=infected
            192.168.1.10=normal 192.168.1.11=normal 192.168.1.12=normal 192.168.1.13=normal
            table.entries=1024 table.max=1024 table.full=true)
  endforeach()
  # without --max: a dump of exactly 1,024 entries is taken as a full table of that size
  rt_test(s1.nomax 3 nat --json ${RT_FX}/s1_tool.txt --
          192.168.1.23=infected 192.168.1.37=infected 192.168.1.10=normal
          table.max=1024 table.full=true)
  # after the clean-up: about 40 entries and the third PC caught
  rt_test(s1.after 3 nat --json --max 1024 ${RT_FX}/s1_after_proc.txt --
          192.168.1.45=infected 192.168.1.10=normal table.full=false)
  # a peer-to-peer client in a table is p2p, not a scanner
  rt_test(p2p.table 0 nat --json --max 4096 ${RT_FX}/p2p_table.txt --
          192.168.1.50=p2p 192.168.1.10=normal none-flagged)
  # S5: many outside peers to one inside UDP port: p2p, nobody flagged
  rt_test(s5 0 logs --json ${RT_FX}/s5.log -- none-flagged p2p=192.168.0.3:58421)
  # the same when the log names the router's outside address (not judged as a host)
  rt_test(s5.wan 0 logs --json ${RT_DIR}/s5_wan.log -- none-flagged p2p=198.51.100.2:41234)
  # --watch over saved samples: the history is kept, the last sample judged
  rt_test(watch.files 0 nat --json --max 1024 --watch 60 ${RT_FX}/watch_00.txt
          ${RT_FX}/watch_01.txt ${RT_FX}/watch_02.txt ${RT_FX}/watch_03.txt
          ${RT_FX}/watch_04.txt ${RT_FX}/watch_05.txt ${RT_FX}/watch_06.txt
          ${RT_FX}/watch_07.txt ${RT_FX}/watch_08.txt ${RT_FX}/watch_09.txt --
          input.samples=10 input.peak_entries=1024 table.entries=40)
  # hand-written lines of the other dialects
  rt_test(formats.pfsense 1 logs --json ${RT_DIR}/pfsense.log --
          192.168.1.100=scanner 192.168.1.50~not-flagged input.pfsense=26)
  rt_test(formats.asa 3 logs --json ${RT_DIR}/asa.log --
          192.168.1.23=infected 192.168.1.5~not-flagged)
  rt_test(formats.nft 3 logs --json ${RT_DIR}/nftables.log --
          192.168.1.66=infected fd00:1::20=scanner)
  rt_test(formats.mixed any logs --json ${RT_DIR}/mixed.log --
          none-flagged input.not_understood=3)
  rt_test(ct.mixed 0 nat --json --max 65536 ${RT_DIR}/ct_mixed.txt --
          none-flagged input.entries=9 input.not_understood=1)

  add_test(NAME router.truth_logs
           COMMAND sh ${RT_DIR}/truth_logs.sh ${WW} ${WW_SHARED_DIR} ${RT_DIR}/check.py)
  set_tests_properties(router.truth_logs PROPERTIES SKIP_RETURN_CODE 77)
endif()

# The namespace network (root only; skips with 77 elsewhere).
add_executable(ww_wormsim ${RT_DIR}/wormsim.c)
target_compile_options(ww_wormsim PRIVATE ${WW_WARNINGS})
add_test(NAME router.netns
         COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/router_netns.sh ${WW}
                 $<TARGET_FILE:ww_wormsim> ${RT_DIR}/check.py)
set_tests_properties(router.netns PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 120 RUN_SERIAL TRUE)
