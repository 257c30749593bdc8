# Installs cse-sparse for other CMake projects: headers (ours and the TableGen'd
# ones), every library under lib/, the tools, the mlir-opt plugin and the docs,
# plus a relocatable CseSparse package (CseSparseConfig.cmake, its version file
# and the CseSparse:: targets). Included from the root CMakeLists.txt once every
# target exists. docs/integrating.md lists what lands where.

include(CMakePackageConfigHelpers)

set(CSE_SPARSE_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/CseSparse"
  CACHE STRING "Where CseSparseConfig.cmake is installed, relative to the prefix")

# Collects the libraries defined in `dir` and below, so that a library added
# under lib/ is installed and exported without a line of its own.
function(cse_sparse_collect_libraries out_var dir)
  set(libs)
  get_property(targets DIRECTORY "${dir}" PROPERTY BUILDSYSTEM_TARGETS)
  foreach(target IN LISTS targets)
    get_target_property(type ${target} TYPE)
    if(type MATCHES "^(STATIC|SHARED|INTERFACE)_LIBRARY$")
      list(APPEND libs ${target})
    endif()
  endforeach()
  get_property(subdirs DIRECTORY "${dir}" PROPERTY SUBDIRECTORIES)
  foreach(subdir IN LISTS subdirs)
    cse_sparse_collect_libraries(sub_libs "${subdir}")
    list(APPEND libs ${sub_libs})
  endforeach()
  set(${out_var} ${libs} PARENT_SCOPE)
endfunction()

cse_sparse_collect_libraries(CSE_SPARSE_LIBRARIES "${PROJECT_SOURCE_DIR}/lib")
list(SORT CSE_SPARSE_LIBRARIES)

foreach(lib IN LISTS CSE_SPARSE_LIBRARIES)
  # Our headers use C++17 (as do MLIR's); a consumer inherits the requirement.
  target_compile_features(${lib} INTERFACE cxx_std_17)
endforeach()

install(TARGETS ${CSE_SPARSE_LIBRARIES}
  EXPORT CseSparseTargets
  ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}"
  LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}"
  RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}"
  INCLUDES DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")

# Exported too, so that a consumer's tests can run them as CseSparse::cse-opt
# and load $<TARGET_FILE:CseSparse::CseSparsePlugin>.
set(CSE_SPARSE_INSTALLED_TOOLS cse-opt cse-sparse)
if(TARGET CseSparsePlugin)
  list(APPEND CSE_SPARSE_INSTALLED_TOOLS CseSparsePlugin)
endif()
install(TARGETS ${CSE_SPARSE_INSTALLED_TOOLS}
  EXPORT CseSparseTargets
  RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}"
  LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}")

# The generated headers sit next to the sources' layout in the build tree; both
# trees merge into one include/cse-sparse. The .td files are installed as
# upstream MLIR installs its own, for consumers that extend ours in TableGen.
install(DIRECTORY
    "${PROJECT_SOURCE_DIR}/include/cse-sparse"
    "${PROJECT_BINARY_DIR}/include/cse-sparse"
  DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}"
  FILES_MATCHING
  PATTERN "*.h"
  PATTERN "*.inc"
  PATTERN "*.td"
  PATTERN "CMakeFiles" EXCLUDE)

install(DIRECTORY "${PROJECT_SOURCE_DIR}/docs/"
  DESTINATION "${CMAKE_INSTALL_DOCDIR}")

install(EXPORT CseSparseTargets
  NAMESPACE CseSparse::
  DESTINATION "${CSE_SPARSE_INSTALL_CMAKEDIR}")

configure_package_config_file(
  "${CMAKE_CURRENT_LIST_DIR}/CseSparseConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/cmake/CseSparseConfig.cmake"
  INSTALL_DESTINATION "${CSE_SPARSE_INSTALL_CMAKEDIR}"
  PATH_VARS CMAKE_INSTALL_INCLUDEDIR)
# Our static libraries hold code compiled against this project version's
# headers; a consumer asking for 0.1 must not get 0.2.
write_basic_package_version_file(
  "${PROJECT_BINARY_DIR}/cmake/CseSparseConfigVersion.cmake"
  VERSION "${PROJECT_VERSION}"
  COMPATIBILITY SameMinorVersion)
install(FILES
    "${PROJECT_BINARY_DIR}/cmake/CseSparseConfig.cmake"
    "${PROJECT_BINARY_DIR}/cmake/CseSparseConfigVersion.cmake"
  DESTINATION "${CSE_SPARSE_INSTALL_CMAKEDIR}")
