# The router inputs feed the detection engine once it is part of the build
# (src/state/engine.c); until then they judge with their own accounting.
if(EXISTS ${CMAKE_SOURCE_DIR}/src/state/engine.c)
  target_compile_definitions(wwcore PUBLIC WW_HAVE_ENGINE=1)
endif()
