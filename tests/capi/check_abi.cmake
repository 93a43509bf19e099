# The ABI check (cmake -P): abidiff between the committed baseline and the library
# just built. Any difference fails — additions too, since while 0.x every ABI change
# bumps MINOR (the SONAME) and DOORWAY_ABI_VERSION. See capi/README-ABI.md.
# Inputs: -DABIDIFF= -DBASELINE= -DLIB= -DREGENERATE="command".
if(NOT ABIDIFF)
  message(FATAL_ERROR "abidiff not found: install Debian's abigail-tools "
                      "(bash cmake/setup.sh test does), then re-run cmake")
endif()
if(NOT EXISTS "${BASELINE}")
  message(FATAL_ERROR "no ABI baseline at ${BASELINE}; write it with:\n  ${REGENERATE}")
endif()
execute_process(
  # No --headers-dir2 / --drop-private-types here: against a baseline without
  # locations they make abidiff filter out real layout changes of public structs.
  # The opaque handles are declaration-only in the baseline, and abidiff matches
  # them to the library's private definitions, so internal changes do not show.
  COMMAND "${ABIDIFF}" --no-show-locs --exported-interfaces-only "${BASELINE}" "${LIB}"
  OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "abidiff exit status ${rc}: the ABI of ${LIB} differs from ${BASELINE}\n"
                      "${out}${err}\n"
                      "If this change is intended: bump DOORWAY_ABI_VERSION in capi/include/doorway.h "
                      "and the MINOR version (project() and DOORWAY_VERSION_*; the SONAME is 0.MINOR "
                      "while 0.x), rebuild, regenerate the baseline with\n"
                      "  ${REGENERATE}\n"
                      "and commit capi/abi/doorway_c.abi with the change.")
endif()
message(STATUS "ABI of ${LIB} matches ${BASELINE}")
