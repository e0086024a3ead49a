# The command line's conventions: help per command, --version/-V, a stray
# option before the command named as an option.
add_test(NAME cli.conventions COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/cli_check.sh $<TARGET_FILE:wormwatch>
         ${CMAKE_BINARY_DIR}/demo/office.pcap)
set_tests_properties(cli.conventions PROPERTIES ENVIRONMENT "TZ=UTC;WORMWATCH_HASH_SEED=1")
