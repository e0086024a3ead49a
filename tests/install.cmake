# `cmake --install` into a fresh prefix: the tree holds the program, the man
# pages, the completions, the data and the unit, and the installed program
# finds its indicator data with no WW_DATADIR and no source tree in sight.
add_test(NAME install.tree
         COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/install_check.sh ${CMAKE_BINARY_DIR}
                 ${CMAKE_CURRENT_SOURCE_DIR}/host/s3)
