# Golden test of the CLI's JSON: run `quotegraph analyze --format json INPUT`, compare the output
# byte for byte with EXPECTED and, on a mismatch, write ACTUAL and a unified diff beside it.
# The version in "quotegraph_version" is written as @VERSION@ in expected files, so a release
# does not rewrite every golden file.
#   cmake -DQG=quotegraph -DINPUT=a.txt -DEXPECTED=a.json -DACTUAL=out/a.actual -P run.cmake
foreach(var QG INPUT EXPECTED ACTUAL)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "run.cmake: -D${var}=... is required")
  endif()
endforeach()

execute_process(
  COMMAND "${CMAKE_COMMAND}" -E env LC_ALL=C "${QG}" analyze --format json "${INPUT}"
  OUTPUT_VARIABLE actual ERROR_VARIABLE errors RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "quotegraph exited with ${rc} on ${INPUT}:\n${errors}")
endif()
string(REGEX REPLACE "\"quotegraph_version\": \"[^\"]*\"" "\"quotegraph_version\": \"@VERSION@\""
       actual "${actual}")

if(NOT EXISTS "${EXPECTED}")
  set(expected "")
else()
  file(READ "${EXPECTED}" expected)
endif()
if(actual STREQUAL expected)
  file(REMOVE "${ACTUAL}" "${ACTUAL}.diff")
  return()
endif()

get_filename_component(dir "${ACTUAL}" DIRECTORY)
file(MAKE_DIRECTORY "${dir}")
file(WRITE "${ACTUAL}" "${actual}")
find_program(DIFF diff)
set(diff_text "(no diff program found; compare the files by hand)")
if(DIFF)
  execute_process(COMMAND "${DIFF}" -u "${EXPECTED}" "${ACTUAL}" OUTPUT_VARIABLE diff_text)
  file(WRITE "${ACTUAL}.diff" "${diff_text}")
endif()
message(FATAL_ERROR "golden mismatch for ${INPUT}\n  expected: ${EXPECTED}\n  actual:   ${ACTUAL}\n"
                    "  diff:     ${ACTUAL}.diff\n"
                    "If the change is intended, review the diff and copy the .actual file over the expected one "
                    "(see tests/golden/README.md).\n${diff_text}")
