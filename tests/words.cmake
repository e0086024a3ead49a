# Words for the person (issue 13): Japanese output through gettext, no
# project-internal references in what users read, every host finding with
# its step in "What to do next", one row per socket and no live sockets in a
# folder's report, and README/docs links and examples that work. The
# scripts live in tests/words/.
find_program(WW_PYTHON3 python3)
set(WORDS_DIR ${CMAKE_CURRENT_SOURCE_DIR}/words)
if(WW_PYTHON3)
  # S1 (the router table of tests/router/make_fixtures.py and the PC's
  # outputs), S2, S3 and the demo capture with LANG=ja_JP.UTF-8
  add_test(NAME words.ja
           COMMAND sh ${WORDS_DIR}/ja.sh $<TARGET_FILE:wormwatch> ${CMAKE_SOURCE_DIR}
                   ${CMAKE_CURRENT_BINARY_DIR}/router_fx ${CMAKE_BINARY_DIR}/demo/office.pcap)
  set_tests_properties(words.ja PROPERTIES FIXTURES_REQUIRED router_fx SKIP_RETURN_CODE 77)
  add_test(NAME words.next_steps
           COMMAND ${WW_PYTHON3} ${WORDS_DIR}/next_steps.py $<TARGET_FILE:wormwatch>
                   ${CMAKE_SOURCE_DIR})
  add_test(NAME words.internal_refs
           COMMAND ${WW_PYTHON3} ${WORDS_DIR}/internal_refs.py $<TARGET_FILE:wormwatch>
                   ${CMAKE_SOURCE_DIR})
  add_test(NAME words.host_sockets
           COMMAND sh ${WORDS_DIR}/host_sockets.sh $<TARGET_FILE:wormwatch> ${CMAKE_SOURCE_DIR})
  # the live page's words: page and table agree, all translated
  add_test(NAME words.live_page
           COMMAND ${WW_PYTHON3} ${WORDS_DIR}/live_words.py ${CMAKE_SOURCE_DIR} ${CMAKE_BINARY_DIR})
  add_test(NAME words.doc_links
           COMMAND ${WW_PYTHON3} ${WORDS_DIR}/doc_links.py ${CMAKE_SOURCE_DIR} ${CMAKE_BINARY_DIR})
  set_tests_properties(words.next_steps words.internal_refs words.host_sockets
                       PROPERTIES ENVIRONMENT "TZ=UTC")
endif()
# the catalogue: every format of ja.po matches its msgid's (msgfmt --check),
# and po/wormwatch.pot is not behind the sources (a string marked but never
# extracted would stay English)
find_program(WW_MSGFMT_T msgfmt)
find_program(WW_XGETTEXT_T xgettext)
if(WW_MSGFMT_T AND WW_XGETTEXT_T)
  add_test(NAME words.catalogue
           COMMAND sh ${WORDS_DIR}/catalogue.sh ${CMAKE_SOURCE_DIR} ${WW_XGETTEXT_T})
endif()

# Since the program speaks the reader's language, the golden tests of the
# other areas (English text compared byte for byte) must not depend on the
# developer's LANG: every test of this folder runs with English messages
# unless it sets its own (words.ja does, with env). tests/words.cmake is
# included after the other areas' fragments, so their tests exist by now.
get_property(WW_ALL_TESTS DIRECTORY PROPERTY TESTS)
foreach(t ${WW_ALL_TESTS})
  if(NOT t STREQUAL "words.ja")
    set_property(TEST ${t} APPEND PROPERTY ENVIRONMENT_MODIFICATION
                 "LC_ALL=unset:" "LANGUAGE=unset:" "LC_MESSAGES=set:C")
  endif()
endforeach()
