# host --offline: hives written by tests/offline_mkhive (libhivex's writing
# API on copies of the shared hives, or on an empty hive it lays out), a
# folder laid out like a Windows volume, every shared hive clean, damaged
# hives warned about.
add_executable(offline_mkhive ${CMAKE_CURRENT_SOURCE_DIR}/offline_mkhive.c)
target_compile_options(offline_mkhive PRIVATE ${WW_WARNINGS})
target_link_libraries(offline_mkhive PRIVATE PkgConfig::HIVEX)
foreach(t cases clean damaged)
  add_test(NAME offline.${t}
           COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/offline/${t}.sh $<TARGET_FILE:wormwatch>
                   $<TARGET_FILE:offline_mkhive> ${WW_SHARED_DIR}/data/artifacts/hives)
  set_tests_properties(offline.${t} PROPERTIES ENVIRONMENT "TZ=UTC" SKIP_RETURN_CODE 77
                       TIMEOUT 120)
endforeach()
