# Builds tests/consumer/ against doorway the way an outside project does, runs it and
# checks its output (STYLE.md rule 25). Run with cmake -P; registered in CTest as
# consumer.install and consumer.add_subdirectory (tests/CMakeLists.txt).
#
#   -DMODE=install           configure, build and install doorway (tests, bench and
#                            CLI off) into WORK_DIR/prefix, then build the consumer
#                            with find_package(doorway CONFIG REQUIRED)
#   -DMODE=add_subdirectory  build the consumer with add_subdirectory(doorway)
#   -DDOORWAY_SOURCE_DIR=…   doorway's source tree
#   -DWORK_DIR=…             scratch directory, emptied first
#   optional: -DGENERATOR= -DMAKE_PROGRAM= -DC_COMPILER= -DCXX_COMPILER=
#             -DPREFIX_PATH= (;-list, forwarded as CMAKE_PREFIX_PATH) -DJOBS=
cmake_minimum_required(VERSION 3.21)

foreach(var IN ITEMS MODE DOORWAY_SOURCE_DIR WORK_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "run_consumer.cmake: -D${var}=… is required")
  endif()
endforeach()
if(NOT MODE MATCHES "^(install|add_subdirectory)$")
  message(FATAL_ERROR "run_consumer.cmake: MODE must be install or add_subdirectory, not \"${MODE}\"")
endif()
if(NOT JOBS)
  set(JOBS 2)
endif()

set(consumer_source "${CMAKE_CURRENT_LIST_DIR}")
# The nested builds are about packaging, not speed: Debug compiles fastest, and
# both sides of the link use the same build type.
set(common_args -DCMAKE_BUILD_TYPE=Debug)
if(GENERATOR)
  list(APPEND common_args -G "${GENERATOR}")
endif()
if(MAKE_PROGRAM)
  list(APPEND common_args "-DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM}")
endif()
if(C_COMPILER)
  list(APPEND common_args "-DCMAKE_C_COMPILER=${C_COMPILER}")
endif()
if(CXX_COMPILER)
  list(APPEND common_args "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}")
endif()

# Runs a command; on failure prints what it printed and stops.
function(run step)
  execute_process(COMMAND ${ARGN}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "consumer.${MODE}: ${step} failed (${rc})\n"
                        "command: ${ARGN}\n--- stdout\n${out}\n--- stderr\n${err}")
  endif()
  message(STATUS "consumer.${MODE}: ${step}: ok")
endfunction()

file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
# Search paths go through the environment (a ;-list would be split on the way to
# the nested cmake).
set(prefix_path "${PREFIX_PATH}")
function(export_prefix_path)
  if(prefix_path)
    cmake_path(CONVERT "${prefix_path}" TO_NATIVE_PATH_LIST native)
    set(ENV{CMAKE_PREFIX_PATH} "${native}")
  endif()
endfunction()
export_prefix_path()

if(MODE STREQUAL "install")
  set(prefix "${WORK_DIR}/prefix")
  # Configured for one prefix and installed into another: the package files must
  # be relocatable. DOORWAY_INSTALL is left to its top-level default (ON).
  run("configure doorway"
    "${CMAKE_COMMAND}" -S "${DOORWAY_SOURCE_DIR}" -B "${WORK_DIR}/doorway-build" ${common_args}
    "-DCMAKE_INSTALL_PREFIX=${WORK_DIR}/configured-prefix"
    -DDOORWAY_BUILD_TESTS=OFF -DDOORWAY_BUILD_BENCH=OFF -DDOORWAY_BUILD_CLI=OFF)
  run("build doorway" "${CMAKE_COMMAND}" --build "${WORK_DIR}/doorway-build" -j ${JOBS})
  run("install doorway" "${CMAKE_COMMAND}" --install "${WORK_DIR}/doorway-build" --prefix "${prefix}")
  if(EXISTS "${WORK_DIR}/configured-prefix")
    message(FATAL_ERROR "consumer.install: files went to CMAKE_INSTALL_PREFIX, not --prefix")
  endif()

  file(GLOB_RECURSE config_files "${prefix}/*/doorwayConfig.cmake")
  foreach(expected IN ITEMS include/doorway/engine.hpp include/doorway/default_model.hpp)
    if(NOT EXISTS "${prefix}/${expected}")
      message(FATAL_ERROR "consumer.install: ${expected} was not installed")
    endif()
  endforeach()
  list(LENGTH config_files n_config)
  if(NOT n_config EQUAL 1)
    message(FATAL_ERROR "consumer.install: expected one doorwayConfig.cmake, found: ${config_files}")
  endif()
  get_filename_component(config_dir "${config_files}" DIRECTORY)
  foreach(expected IN ITEMS doorwayConfigVersion.cmake doorwayTargets.cmake)
    if(NOT EXISTS "${config_dir}/${expected}")
      message(FATAL_ERROR "consumer.install: ${expected} missing beside doorwayConfig.cmake")
    endif()
  endforeach()

  # doorway.pc comes with the C library; when it is there, pkg-config must take it.
  file(GLOB_RECURSE pc_files "${prefix}/*/doorway.pc")
  find_program(PKG_CONFIG pkg-config)
  if(pc_files AND PKG_CONFIG)
    get_filename_component(pc_dir "${pc_files}" DIRECTORY)
    set(ENV{PKG_CONFIG_PATH} "${pc_dir}")
    execute_process(COMMAND "${PKG_CONFIG}" --cflags --libs doorway
      RESULT_VARIABLE rc OUTPUT_VARIABLE pc_out ERROR_VARIABLE pc_err)
    if(NOT rc EQUAL 0 OR NOT pc_out MATCHES "-ldoorway_c")
      message(FATAL_ERROR "consumer.install: pkg-config --cflags --libs doorway gave ${rc}: ${pc_out}${pc_err}")
    endif()
    message(STATUS "consumer.install: pkg-config doorway: ${pc_out}")
    # And a C program built with nothing but those flags links and runs.
    if(C_COMPILER AND NOT WIN32)
      separate_arguments(pc_flags UNIX_COMMAND "${pc_out}")
      run("build a C program with pkg-config's flags"
        "${C_COMPILER}" "${consumer_source}/c_consumer.c" ${pc_flags} -o "${WORK_DIR}/c_consumer")
      execute_process(COMMAND "${PKG_CONFIG}" --variable=libdir doorway
        OUTPUT_VARIABLE pc_libdir OUTPUT_STRIP_TRAILING_WHITESPACE)
      set(ENV{LD_LIBRARY_PATH} "${pc_libdir}")
      execute_process(COMMAND "${WORK_DIR}/c_consumer" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
      unset(ENV{LD_LIBRARY_PATH})
      if(NOT rc EQUAL 0 OR NOT out MATCHES "^[0-9]+\\.[0-9]+\\.[0-9]+")
        message(FATAL_ERROR "consumer.install: the C program exited ${rc} printing \"${out}\" (${err})")
      endif()
      message(STATUS "consumer.install: the C program printed ${out}")
    endif()
  endif()

  list(PREPEND prefix_path "${prefix}")
  export_prefix_path()
  set(consumer_args "")
else()
  set(consumer_args "-DDOORWAY_SOURCE_DIR=${DOORWAY_SOURCE_DIR}")
endif()

run("configure the consumer"
  "${CMAKE_COMMAND}" -S "${consumer_source}" -B "${WORK_DIR}/consumer-build" ${common_args} ${consumer_args})
run("build the consumer" "${CMAKE_COMMAND}" --build "${WORK_DIR}/consumer-build" -j ${JOBS} --target consumer)

file(GLOB_RECURSE programs "${WORK_DIR}/consumer-build/consumer" "${WORK_DIR}/consumer-build/consumer.exe")
list(FILTER programs EXCLUDE REGEX "/CMakeFiles/")
if(NOT programs)
  message(FATAL_ERROR "consumer.${MODE}: the consumer program was not built")
endif()
list(GET programs 0 program)
execute_process(COMMAND "${program}" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT out STREQUAL "sal\n")
  message(FATAL_ERROR "consumer.${MODE}: expected the program to print \"sal\" and exit 0; "
                      "it exited ${rc} printing \"${out}\" (stderr: ${err})")
endif()
message(STATUS "consumer.${MODE}: the program printed \"sal\"")
