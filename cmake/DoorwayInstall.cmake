# doorway's install rules and package files (STYLE.md rules 23–25). Included at the
# end of the top-level CMakeLists.txt when DOORWAY_INSTALL is on (the default only
# when doorway is the top-level project), so every target is defined by now.
#
# Installs:
#   include/doorway/…                        the C++ headers (doorway::core)
#   lib/libdoorway.a (or .so)                 doorway::doorway
#   lib/cmake/doorway/doorwayConfig.cmake     find_package(doorway CONFIG)
#                    doorwayConfigVersion.cmake   SameMajorVersion
#                    doorwayTargets*.cmake    the export set doorwayTargets, NAMESPACE doorway::
#   lib/pkgconfig/doorway.pc                  for C users, once the C library doorway::c exists
#
# Other targets join the same export set from where they are defined, e.g. in
# capi/CMakeLists.txt:
#   install(TARGETS doorway_c EXPORT doorwayTargets …)
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(DOORWAY_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/doorway"
    CACHE STRING "Where doorway's CMake package files are installed (relative to the prefix)")
mark_as_advanced(DOORWAY_INSTALL_CMAKEDIR)

# Exported names: doorway::core, doorway::doorway.
set_target_properties(doorway_core PROPERTIES EXPORT_NAME core)
set_target_properties(doorway_doorway PROPERTIES EXPORT_NAME doorway)

# The targets' INSTALL_INTERFACE include directory is "include"; add the GNU one
# only when a packager moved it.
set(_doorway_includes_destination "")
if(NOT CMAKE_INSTALL_INCLUDEDIR STREQUAL "include")
  set(_doorway_includes_destination INCLUDES DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
endif()

install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/doorway"
  DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}"
  COMPONENT doorway_Development)

install(TARGETS doorway_core doorway_doorway
  EXPORT doorwayTargets
  RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}" COMPONENT doorway_Runtime
  LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT doorway_Runtime
          NAMELINK_COMPONENT doorway_Development
  ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT doorway_Development
  ${_doorway_includes_destination})

install(EXPORT doorwayTargets
  NAMESPACE doorway::
  FILE doorwayTargets.cmake
  DESTINATION "${DOORWAY_INSTALL_CMAKEDIR}"
  COMPONENT doorway_Development)

# A static library exports its PRIVATE dependencies as $<LINK_ONLY:…> entries, and
# CMake wants every such target to exist in the consumer — even nlohmann_json, which
# is header-only and adds nothing to the link line. A shared library keeps them to
# itself. So the config looks for nlohmann_json only when an exported library is static.
set(DOORWAY_CONFIG_NEEDS_JSON OFF)
foreach(_doorway_target IN ITEMS doorway_doorway doorway_c)
  if(TARGET ${_doorway_target})
    get_target_property(_doorway_type ${_doorway_target} TYPE)
    if(_doorway_type STREQUAL "STATIC_LIBRARY")
      set(DOORWAY_CONFIG_NEEDS_JSON ON)
    endif()
  endif()
endforeach()

configure_package_config_file(
  "${PROJECT_SOURCE_DIR}/cmake/doorwayConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/doorwayConfig.cmake"
  INSTALL_DESTINATION "${DOORWAY_INSTALL_CMAKEDIR}")
write_basic_package_version_file(
  "${PROJECT_BINARY_DIR}/doorwayConfigVersion.cmake"
  VERSION ${PROJECT_VERSION}
  COMPATIBILITY SameMajorVersion)
install(FILES
  "${PROJECT_BINARY_DIR}/doorwayConfig.cmake"
  "${PROJECT_BINARY_DIR}/doorwayConfigVersion.cmake"
  DESTINATION "${DOORWAY_INSTALL_CMAKEDIR}"
  COMPONENT doorway_Development)

# doorway.pc describes the C library (capi/include/doorway.h, -ldoorway_c), so it is
# written only once that library is defined. The library name comes from the target.
if(TARGET doorway::c)
  get_target_property(_doorway_c doorway::c ALIASED_TARGET)
  if(NOT _doorway_c)
    set(_doorway_c doorway::c)
  endif()
  get_target_property(DOORWAY_PC_LIBNAME ${_doorway_c} OUTPUT_NAME)
  if(NOT DOORWAY_PC_LIBNAME)
    set(DOORWAY_PC_LIBNAME ${_doorway_c})
  endif()
  # Relocatable: prefix is found from the .pc file's own place (`cmake --install
  # --prefix` may differ from CMAKE_INSTALL_PREFIX). Absolute GNU dirs are kept as is.
  if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
    set(DOORWAY_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
  else()
    file(RELATIVE_PATH _doorway_up "/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/")
    string(REGEX REPLACE "/$" "" _doorway_up "${_doorway_up}")
    set(DOORWAY_PC_PREFIX "\${pcfiledir}/${_doorway_up}")
  endif()
  foreach(_doorway_dir IN ITEMS LIBDIR INCLUDEDIR)
    if(IS_ABSOLUTE "${CMAKE_INSTALL_${_doorway_dir}}")
      set(DOORWAY_PC_${_doorway_dir} "${CMAKE_INSTALL_${_doorway_dir}}")
    else()
      set(DOORWAY_PC_${_doorway_dir} "\${prefix}/${CMAKE_INSTALL_${_doorway_dir}}")
    endif()
  endforeach()
  configure_file("${PROJECT_SOURCE_DIR}/cmake/doorway.pc.in" "${PROJECT_BINARY_DIR}/doorway.pc" @ONLY)
  install(FILES "${PROJECT_BINARY_DIR}/doorway.pc"
    DESTINATION "${CMAKE_INSTALL_LIBDIR}/pkgconfig"
    COMPONENT doorway_Development)
endif()
