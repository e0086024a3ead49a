# analyze: bad input, real captures (TRUTH.tsv), golden outputs.
add_test(NAME analyze.badinput
         COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/analyze_badinput.sh $<TARGET_FILE:wormwatch>
                 ${CMAKE_SOURCE_DIR}/fuzz/corpus/pipeline)

# Every capture row of ../shared/data/TRUTH.tsv (skipped, saying so, when
# ../shared is absent).
add_test(NAME analyze.truth
         COMMAND python3 ${CMAKE_CURRENT_SOURCE_DIR}/real/truth_check.py
                 $<TARGET_FILE:wormwatch> ${WW_SHARED_DIR}/data captures/)
set_tests_properties(analyze.truth PROPERTIES SKIP_RETURN_CODE 77 ENVIRONMENT "TZ=UTC")

# Golden tests: tests/golden/TESTLIST lists `name input expected options`;
# inputs are made by wwgen or read from ../shared. A missing expected file
# is a failure; nothing is ever written into tests/golden by a test.
add_test(NAME analyze.golden
         COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/golden/run.sh $<TARGET_FILE:wormwatch>
                 $<TARGET_FILE_DIR:wormwatch> ${WW_SHARED_DIR}/data)
set_tests_properties(analyze.golden PROPERTIES SKIP_RETURN_CODE 77 ENVIRONMENT "TZ=UTC")

# Generated traffic with ground truth: every link type, pcapng, IPv6, a
# port scanner, a large bench capture, a LAN infection chain and three
# exploit sessions; infected hosts within 4 attempts.
add_test(NAME analyze.generated
         COMMAND python3 ${CMAKE_CURRENT_SOURCE_DIR}/real/gen_truth_check.py
                 $<TARGET_FILE:wormwatch> $<TARGET_FILE:wwgen>)

# Who infected whom: in wwgen's propagation capture 192.168.5.50 must be
# "probably infected by 192.168.5.23", with the contact before its alert and
# its own scanning about 20 s later.
add_test(NAME analyze.propagation
         COMMAND python3 ${CMAKE_CURRENT_SOURCE_DIR}/real/propagation_check.py
                 $<TARGET_FILE:wormwatch> $<TARGET_FILE:wwgen>)
set_tests_properties(analyze.propagation PROPERTIES ENVIRONMENT "TZ=UTC")

# One thread or two: byte-identical reports (and ThreadSanitizer's view of
# the hand-over in the tsan preset, which runs the tests labelled threads).
add_test(NAME analyze.threads
         COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/analyze_threads.sh $<TARGET_FILE:wormwatch>
                 $<TARGET_FILE:wwgen>)
set_tests_properties(analyze.threads PROPERTIES LABELS threads)

# A one-direction capture (LAN to outside only, cut from wwgen's office
# capture with tcpdump): warned as one-sided, worms and the P2P user still
# named by the shape of their traffic, nobody else flagged.
add_test(NAME analyze.onesided
         COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/analyze_onesided.sh $<TARGET_FILE:wormwatch>
                 $<TARGET_FILE:wwgen>)
set_tests_properties(analyze.onesided PROPERTIES SKIP_RETURN_CODE 77)

# A name only a worm looks up (WannaCry's kill switch) makes a host infected.
add_test(NAME analyze.dnsworm
         COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/analyze_dnsworm.sh $<TARGET_FILE:wormwatch>)
set_tests_properties(analyze.dnsworm PROPERTIES ENVIRONMENT "TZ=UTC")

# The same capture, the same report, whatever the hash tables' keys.
add_test(NAME analyze.reproducible
         COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/analyze_reproducible.sh $<TARGET_FILE:wormwatch>
                 $<TARGET_FILE:wwgen> ${WW_SHARED_DIR}/data)
