# Embeds a text file in the library as a C++ raw string literal (a CMake script,
# run at build time: `cmake -DINPUT=… -DOUTPUT=… -DSYMBOL=… -P embed_text.cmake`).
# Defines `const std::string_view doorway::v0::detail::SYMBOL` holding the file's
# bytes exactly. (No #embed: GCC 12 does not have it.)
cmake_minimum_required(VERSION 3.21)
foreach(var INPUT OUTPUT SYMBOL)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "embed_text.cmake: ${var} is not set")
  endif()
endforeach()

file(READ "${INPUT}" text)
set(delimiter "doorway_embed")
string(FIND "${text}" ")${delimiter}\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "embed_text.cmake: ${INPUT} contains the raw string delimiter )${delimiter}\"")
endif()
get_filename_component(name "${INPUT}" NAME)
set(code "// Generated from ${name} by cmake/embed_text.cmake: do not edit.\n")
string(APPEND code "#include <string_view>\n\n")
string(APPEND code "namespace doorway {\ninline namespace v0 {\nnamespace detail {\n\n")
string(APPEND code "extern const std::string_view ${SYMBOL};\n")
string(APPEND code "const std::string_view ${SYMBOL} = R\"${delimiter}(")
string(APPEND code "${text}")
string(APPEND code ")${delimiter}\";\n\n}  // namespace detail\n}  // namespace v0\n}  // namespace doorway\n")

# Rewrite only on change, so an unchanged model does not rebuild the library.
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" old)
  if(old STREQUAL code)
    return()
  endif()
endif()
file(WRITE "${OUTPUT}" "${code}")
