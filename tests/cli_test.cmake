# Runs the doorway command once and checks what it did. A CTest script (cmake -P).
#
#   -DDOORWAY=path            the doorway executable
#   -DARGS=a|b|c              its arguments, separated by |
#   -DSTDIN=file              feed this file on standard input (optional)
#   -DEXPECT_EXIT=n           the exit code it must return (default 0)
#   -DEXPECT_STDOUT=file      standard output must equal this file (optional)
#   -DSTDOUT_CONTAINS=s|t     standard output must contain each of these (optional)
#   -DSTDERR_CONTAINS=s|t     standard error must contain each of these (optional)
#   -DSTDOUT_EMPTY=ON         standard output must be empty (optional)
#   -DOUTPUT_FILE=path        a file the command writes (removed before the run) …
#   -DEXPECT_OUTPUT=file      … must equal this file (optional)
cmake_minimum_required(VERSION 3.21)

if(NOT DEFINED DOORWAY)
  message(FATAL_ERROR "cli_test.cmake: DOORWAY is not set")
endif()
if(NOT DEFINED EXPECT_EXIT)
  set(EXPECT_EXIT 0)
endif()

set(args "")
if(DEFINED ARGS AND NOT ARGS STREQUAL "")
  string(REPLACE "|" ";" args "${ARGS}")
endif()
if(DEFINED OUTPUT_FILE)
  file(REMOVE "${OUTPUT_FILE}")
endif()

if(DEFINED STDIN)
  execute_process(COMMAND "${DOORWAY}" ${args}
    INPUT_FILE "${STDIN}"
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
else()
  execute_process(COMMAND "${DOORWAY}" ${args}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
endif()

set(failures "")
macro(fail what)
  string(APPEND failures "  - ${what}\n")
endmacro()

if(NOT rc STREQUAL EXPECT_EXIT)
  fail("exit code ${rc}, expected ${EXPECT_EXIT}")
endif()

if(DEFINED EXPECT_STDOUT)
  file(READ "${EXPECT_STDOUT}" expected)
  if(NOT out STREQUAL expected)
    fail("standard output differs from ${EXPECT_STDOUT}")
  endif()
endif()

if(STDOUT_EMPTY AND NOT out STREQUAL "")
  fail("standard output is not empty")
endif()

foreach(stream stdout stderr)
  string(TOUPPER "${stream}" upper)
  set(var "${upper}_CONTAINS")
  if(DEFINED ${var})
    if(stream STREQUAL "stdout")
      set(text "${out}")
    else()
      set(text "${err}")
    endif()
    string(REPLACE "|" ";" needles "${${var}}")
    foreach(needle IN LISTS needles)
      string(FIND "${text}" "${needle}" at)
      if(at EQUAL -1)
        fail("${stream} does not contain: ${needle}")
      endif()
    endforeach()
  endif()
endforeach()

if(DEFINED EXPECT_OUTPUT)
  if(NOT EXISTS "${OUTPUT_FILE}")
    fail("${OUTPUT_FILE} was not written")
  else()
    file(READ "${OUTPUT_FILE}" written)
    file(READ "${EXPECT_OUTPUT}" expected)
    if(NOT written STREQUAL expected)
      fail("${OUTPUT_FILE} differs from ${EXPECT_OUTPUT}")
    endif()
  endif()
endif()

if(NOT failures STREQUAL "")
  message(FATAL_ERROR "doorway ${ARGS}\n${failures}--- stdout ---\n${out}--- stderr ---\n${err}")
endif()
