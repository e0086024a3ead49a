# src/html/: the incident report page (`wormwatch report`). JSON results are
# read with json-c, the propagation graph is laid out by Graphviz (libgvc),
# and the charts are drawn by Chart.js from Debian's libjs-chart.js, read at
# run time from WW_CHARTJS_PATH (or $WORMWATCH_CHARTJS) and inlined into the
# page; without it the charts are inline SVG written from the same data.
pkg_check_modules(JSONC REQUIRED IMPORTED_TARGET json-c)
pkg_check_modules(GVC REQUIRED IMPORTED_TARGET libgvc libcgraph)
file(GLOB WW_HTML_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/*.c)
target_sources(wwcore PRIVATE ${WW_HTML_SOURCES})
# Graphviz's own plugins for the layout (dot) and the SVG renderer (core) are
# linked in and handed to gvContextPlugins(): no plugin is loaded on demand,
# so no text-layout plugin (pango, fontconfig) either: labels are measured
# with Graphviz's built-in font metrics. (Graphviz 2.43's pango plugin keeps
# a font name across contexts that a second context reads after it is freed,
# and fontconfig's caches are never freed; both show under ASan.)
pkg_get_variable(WW_GV_LIBDIR libgvc libdir)
find_library(WW_GVPLUGIN_CORE NAMES gvplugin_core
             PATHS ${WW_GV_LIBDIR}/graphviz NO_DEFAULT_PATH REQUIRED)
find_library(WW_GVPLUGIN_DOT NAMES gvplugin_dot_layout
             PATHS ${WW_GV_LIBDIR}/graphviz NO_DEFAULT_PATH REQUIRED)
target_link_libraries(wwcore PUBLIC PkgConfig::JSONC PkgConfig::GVC
                      ${WW_GVPLUGIN_CORE} ${WW_GVPLUGIN_DOT})
find_file(WW_CHARTJS_PATH chart.min.js
          PATHS /usr/share/javascript/chart.js /usr/share/nodejs/chart.js/dist
          NO_DEFAULT_PATH)
if(NOT WW_CHARTJS_PATH)
  set(WW_CHARTJS_PATH /usr/share/javascript/chart.js/chart.min.js)
  message(STATUS "chart.min.js not found (libjs-chart.js): reports fall back to SVG charts")
endif()
set_property(SOURCE ${WW_HTML_SOURCES} APPEND PROPERTY
             COMPILE_DEFINITIONS WW_CHARTJS_PATH="${WW_CHARTJS_PATH}")
