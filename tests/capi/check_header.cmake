# Checks the C API against its header (cmake -P; each MODE is one CTest test):
#   MODE=exports   the library's dynamic symbols (nm -D --defined-only) are exactly
#                  the functions doorway.h declares: nothing missing, nothing else
#                  (no C++, Abseil or runtime symbols, no _init/_fini).
#   MODE=coverage  every declared function has its NULL / invalid-argument test:
#                  TEST_F(Args, <function>) in args_test.cpp.
#   MODE=threads   every declaration's comment states its thread-safety.
# Inputs: -DHEADER=doorway.h, and -DLIB= -DNM= (exports) or -DTESTS= (coverage).
file(STRINGS "${HEADER}" lines)
set(functions "")
set(comment "")
set(missing_thread "")
foreach(line IN LISTS lines)
  if(line MATCHES "^DOORWAY_API [^(]*[ *](doorway_[a-z0-9_]+)\\(")
    list(APPEND functions "${CMAKE_MATCH_1}")
    if(NOT comment MATCHES "Thread-safe|Per model|Per engine|Per list")
      list(APPEND missing_thread "${CMAKE_MATCH_1}")
    endif()
    set(comment "")
  elseif(line MATCHES "^/\\*" OR line MATCHES "^ \\*")
    string(APPEND comment " ${line}")
  elseif(NOT line MATCHES "^ ")
    set(comment "")
  endif()
endforeach()
list(LENGTH functions count)
if(count LESS 30)
  message(FATAL_ERROR "found only ${count} declarations in ${HEADER}: is the pattern out of date?")
endif()
list(SORT functions)

if(MODE STREQUAL "exports")
  execute_process(COMMAND "${NM}" -D --defined-only "${LIB}"
                  OUTPUT_VARIABLE out RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${NM} -D --defined-only ${LIB} failed (${rc})")
  endif()
  string(REPLACE "\n" ";" out_lines "${out}")
  set(exported "")
  foreach(line IN LISTS out_lines)
    if(line MATCHES "^[0-9a-fA-F]* *[A-Za-z] ([^ ]+)$")
      list(APPEND exported "${CMAKE_MATCH_1}")
    endif()
  endforeach()
  list(SORT exported)
  set(extra ${exported})
  list(REMOVE_ITEM extra ${functions})
  set(absent ${functions})
  list(REMOVE_ITEM absent ${exported})
  if(extra OR absent)
    message(FATAL_ERROR "the exports of ${LIB} differ from doorway.h\n"
                        "  exported but not declared: ${extra}\n"
                        "  declared but not exported: ${absent}\n"
                        "capi/doorway.map must export exactly doorway_*, and every doorway_* "
                        "symbol must be declared in doorway.h")
  endif()
  message(STATUS "${count} functions declared, exactly those exported")
elseif(MODE STREQUAL "coverage")
  file(READ "${TESTS}" tests)
  set(untested "")
  foreach(fn IN LISTS functions)
    if(NOT tests MATCHES "TEST_F\\(Args, ${fn}\\)")
      list(APPEND untested "${fn}")
    endif()
  endforeach()
  if(untested)
    message(FATAL_ERROR "no NULL / invalid-argument test for: ${untested}\n"
                        "add TEST_F(Args, <function>) to ${TESTS}")
  endif()
  message(STATUS "all ${count} functions have argument tests")
elseif(MODE STREQUAL "threads")
  if(missing_thread)
    message(FATAL_ERROR "no thread-safety statement (Thread-safe / Per model / Per list / "
                        "Per engine) in the comment before: ${missing_thread}")
  endif()
  message(STATUS "all ${count} declarations state their thread-safety")
else()
  message(FATAL_ERROR "MODE must be exports, coverage or threads")
endif()
