# Translations (gettext). Every po/<lang>.po is compiled with msgfmt into
# <build>/locale/<lang>/LC_MESSAGES/wormwatch.mo, where the program in the
# build tree finds it (core/i18n.c), and installed to
# <prefix>/share/locale/<lang>/LC_MESSAGES/. `cmake --build --target pot`
# extracts po/wormwatch.pot again from the sources (xgettext); then
# `msgmerge -U po/ja.po po/wormwatch.pot` brings ja.po up to date. See
# docs/i18n.md.
find_program(WW_MSGFMT msgfmt)
find_program(WW_XGETTEXT xgettext)
target_compile_definitions(wwcore PRIVATE
    WW_LOCALEDIR="${CMAKE_INSTALL_FULL_LOCALEDIR}")

file(GLOB WW_PO_FILES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/po/*.po)
set(WW_MO_FILES)
if(WW_MSGFMT)
  foreach(po ${WW_PO_FILES})
    get_filename_component(lang ${po} NAME_WE)
    set(mo ${CMAKE_BINARY_DIR}/locale/${lang}/LC_MESSAGES/wormwatch.mo)
    # --check: the formats of every translation match their msgid's
    add_custom_command(OUTPUT ${mo}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/locale/${lang}/LC_MESSAGES
      COMMAND ${WW_MSGFMT} --check -o ${mo} ${po}
      DEPENDS ${po}
      COMMENT "msgfmt po/${lang}.po")
    list(APPEND WW_MO_FILES ${mo})
    install(FILES ${mo} DESTINATION ${CMAKE_INSTALL_LOCALEDIR}/${lang}/LC_MESSAGES)
  endforeach()
  add_custom_target(translations ALL DEPENDS ${WW_MO_FILES})
else()
  message(WARNING "msgfmt not found (package gettext): wormwatch will speak English only")
endif()

if(WW_XGETTEXT)
  # the sources people read words from: the library and the program
  add_custom_target(pot
    COMMAND sh ${CMAKE_SOURCE_DIR}/po/update-pot.sh ${WW_XGETTEXT}
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}
    COMMENT "xgettext -> po/wormwatch.pot")
endif()
