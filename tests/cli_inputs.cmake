# CLI tests of the command's inputs and verbs (issue 5): Segment events, CSV with a
# column map and a date pattern, gzip, standard input, bad lines with their line
# numbers, --strict, every exit code, determinism, explain, convert, generate.
# Included from tests/CMakeLists.txt inside its `if(TARGET doorway_cli)` block.
#
# Expected outputs in data/cli/ were worked out by hand from the default model
# (src/default_model.json): every touch of a lead at the same instant as --as-of,
# so each decay factor is 2^0 = 1 and a score is the plain sum of its points
# (webinar_attended 15, demo_request 30, search_ad 2, sales_letter 2,
# page_view 1, email_campaign_open 1; outcomes add no points and no touch count).
# A door touch (demo_request) hands the lead to sales: stage sal, 48 h deadline.
# An order_placed moves the lead to customer with no conversation (seeds/004).

# --- Segment events: track / page / identify, event names through the catalog,
# campaign data through the GA4 rules.
doorway_cli_test(segment_run
  "-DARGS=run|segment_events.jsonl|--as-of|2024-03-01T10:00:00Z"
  -DEXPECT_STDOUT=${DOORWAY_CLI_DATA}/segment_events.expected.jsonl
  "-DSTDERR_CONTAINS=accepted 5, duplicate 0, late 0, invalid 0 (3 leads|1 Segment identify/group/alias call skipped")
doorway_cli_test(segment_forced
  "-DARGS=run|segment_events.jsonl|--format|segment|--as-of|2024-03-01T10:00:00Z|--quiet"
  -DEXPECT_STDOUT=${DOORWAY_CLI_DATA}/segment_events.expected.jsonl)
doorway_cli_test(segment_convert
  "-DARGS=convert|segment_events.jsonl"
  -DEXPECT_STDOUT=${DOORWAY_CLI_DATA}/segment_events.converted.jsonl
  "-DSTDERR_CONTAINS=5 touches written (jsonl in), 0 bad lines, 1 Segment calls without a touch skipped")
# What convert writes reads back with no options into the same leads.
doorway_cli_test(segment_converted_run
  "-DARGS=run|segment_events.converted.jsonl|--format|jsonl|--as-of|2024-03-01T10:00:00Z"
  -DEXPECT_STDOUT=${DOORWAY_CLI_DATA}/segment_events.expected.jsonl)

# --- CSV with made-up CRM column names, a value map and a %m/%d/%Y date pattern.
# Row 8 has month 13: reported with its line (the Letter row spans lines 5-6).
set(_crm_bad "crm_export.csv:8: column \"Activity Date\" (timestamp): \"13/01/2024 09:00\" is not the pattern %m/%d/%Y %H:%M")
doorway_cli_test(csv_map_file
  "-DARGS=run|crm_export.csv|--map|crm_map.json|--as-of|2024-03-01T09:00:00Z"
  -DEXPECT_STDOUT=${DOORWAY_CLI_DATA}/crm_export.expected.jsonl
  "-DSTDERR_CONTAINS=${_crm_bad}|accepted 5, duplicate 0, late 0, invalid 1 (3 leads")
# The same map given as options.
doorway_cli_test(csv_map_options
  "-DARGS=run|crm_export.csv|--column|event_id=Activity ID|--column|lead_id=Contact Email|--column|account_id=Company|--column|timestamp=Activity Date|--column|type=Activity Type|--column|value=Deal Amount|--column|utm_source=UTM Source|--column|utm_medium=UTM Medium|--value|type:Webinar=webinar_attended|--value|type:Demo Request=demo_request|--value|type:Ad Click=search_ad|--value|type:Letter=sales_letter|--value|type:Purchase=order_placed|--time-format|%m/%d/%Y %H:%M|--as-of|2024-03-01T09:00:00Z"
  -DEXPECT_STDOUT=${DOORWAY_CLI_DATA}/crm_export.expected.jsonl
  "-DSTDERR_CONTAINS=${_crm_bad}")
doorway_cli_test(csv_convert
  "-DARGS=convert|crm_export.csv|--map|crm_map.json"
  -DEXPECT_STDOUT=${DOORWAY_CLI_DATA}/crm_export.converted.jsonl
  "-DSTDERR_CONTAINS=${_crm_bad}|5 touches written (csv in), 1 bad line")
doorway_cli_test(csv_strict
  "-DARGS=run|crm_export.csv|--map|crm_map.json|--strict" -DEXPECT_EXIT=3 -DSTDOUT_EMPTY=ON
  "-DSTDERR_CONTAINS=${_crm_bad}|stopped at the first bad line (--strict)")
# Standard input, and gzip (made at test time) from a file and from standard input.
doorway_cli_test(csv_stdin
  "-DARGS=run|-|--map|crm_map.json|--as-of|2024-03-01T09:00:00Z"
  -DSTDIN=${DOORWAY_CLI_DATA}/crm_export.csv
  -DEXPECT_STDOUT=${DOORWAY_CLI_DATA}/crm_export.expected.jsonl
  "-DSTDERR_CONTAINS=-:8: column \"Activity Date\"")
doorway_cli_test(csv_gzip
  "-DARGS=run|${DOORWAY_CLI_OUT}/crm_export.csv.gz|--map|crm_map.json|--as-of|2024-03-01T09:00:00Z"
  -DGZIP_INPUT=${DOORWAY_CLI_DATA}/crm_export.csv -DGZIP_OUTPUT=${DOORWAY_CLI_OUT}/crm_export.csv.gz
  -DEXPECT_STDOUT=${DOORWAY_CLI_DATA}/crm_export.expected.jsonl
  "-DSTDERR_CONTAINS=crm_export.csv.gz:8: column \"Activity Date\"")
doorway_cli_test(jsonl_gzip_stdin
  "-DARGS=run|-|--as-of|2024-03-01T10:00:00Z"
  -DGZIP_INPUT=${DOORWAY_CLI_DATA}/segment_events.jsonl -DGZIP_OUTPUT=${DOORWAY_CLI_OUT}/segment_events.jsonl.gz
  -DSTDIN=${DOORWAY_CLI_OUT}/segment_events.jsonl.gz
  -DEXPECT_STDOUT=${DOORWAY_CLI_DATA}/segment_events.expected.jsonl)
# classify reads CSV too, writing the canonical form with team and rule (a search
# ad is one-way: the seed.one_way rule comes before seed.one_to_many).
doorway_cli_test(csv_classify
  "-DARGS=classify|crm_export.csv|--map|crm_map.json"
  "-DSTDOUT_CONTAINS={\"event_id\":\"A-102\",\"lead_id\":\"cy@example.com\",\"timestamp\":\"2024-03-01T09:00:00Z\",\"type\":\"search_ad\",\"channel\":\"paid_search\",\"utm_source\":\"google\",\"utm_medium\":\"cpc\",\"team\":\"marketing\",\"rule\":\"seed.one_way\"}"
  -DSTDOUT_LINES=5)

# --- exit codes: 1 runtime, 2 usage, 3 invalid data.
doorway_cli_test(csv_unknown_column
  "-DARGS=run|crm_export.csv|--column|lead_id=Contact Emial|--column|timestamp=Activity Date|--column|type=Activity Type"
  -DEXPECT_EXIT=2 -DSTDOUT_EMPTY=ON
  "-DSTDERR_CONTAINS=crm_export.csv: column \"Contact Emial\" (lead_id) is not in the header (did you mean \"Contact Email\"?)")
doorway_cli_test(csv_unknown_field
  "-DARGS=run|crm_export.csv|--column|lead=Contact Email" -DEXPECT_EXIT=2
  "-DSTDERR_CONTAINS=unknown touch field \"lead\" (did you mean \"lead_id\"?)")
doorway_cli_test(bad_format
  "-DARGS=run|crm_export.csv|--format|xml" -DEXPECT_EXIT=2
  "-DSTDERR_CONTAINS=option \"--format\" needs auto, jsonl, segment or csv, not \"xml\"")
doorway_cli_test(bad_time_format
  "-DARGS=run|crm_export.csv|--time-format|%m/%q" -DEXPECT_EXIT=2 "-DSTDERR_CONTAINS=unknown directive %q")
doorway_cli_test(invalid_map_file
  "-DARGS=run|crm_export.csv|--map|segment_events.jsonl" -DEXPECT_EXIT=3 -DSTDOUT_EMPTY=ON
  "-DSTDERR_CONTAINS=segment_events.jsonl:2:1: unexpected text after the JSON document|invalid column map")
doorway_cli_test(invalid_channel_rules
  "-DARGS=run|segment_events.jsonl|--channel-rules|crm_map.json" -DEXPECT_EXIT=3 -DSTDOUT_EMPTY=ON
  "-DSTDERR_CONTAINS=crm_map.json:2:13: format: \"format\" must be \"doorway.channel_rules\"|crm_map.json:4:3: columns: unknown key|invalid channel rules \"crm_map.json\"")
doorway_cli_test(missing_map_file
  "-DARGS=run|crm_export.csv|--map|no_such_map.json" -DEXPECT_EXIT=1 "-DSTDERR_CONTAINS=cannot open \"no_such_map.json\"")
doorway_cli_test(convert_missing_file
  "-DARGS=convert|no_such_file.csv" -DEXPECT_EXIT=1 "-DSTDERR_CONTAINS=cannot open \"no_such_file.csv\"")

# --- explain: the path, the contributions, and why the next stage is not reached.
doorway_cli_test(explain_sal
  "-DARGS=explain|segment_events.jsonl|--lead|ann|--as-of|2024-03-01T10:00:00Z"
  "-DSTDOUT_CONTAINS=lead ann: sal (owned by sales), as of 2024-03-01T10:00:00Z|waiting for sales: the SLA deadline is 2024-03-03T10:00:00Z|handoff       subscriber -> sal|engagement = 45  [points]|m-1      webinar_attended       +15 x 1 = 15|m-2      demo_request           +30 x 1 = 30|-> sql via accepted")
# a-9 has 1 point of the 40 that qualify: 39 to go; it is cold, not warm.
doorway_cli_test(explain_gap
  "-DARGS=explain|segment_events.jsonl|--lead|a-9|--lead|bob|--as-of|2024-03-01T10:00:00Z"
  "-DSTDOUT_CONTAINS=lead a-9: subscriber (owned by marketing)|-> lead via warmed [priority 4]: not yet|no  engagement >= 40|now 1 (39 to go)|no  temperature >= warm|lead bob: customer (owned by marketing)")
doorway_cli_test(explain_json
  "-DARGS=explain|segment_events.jsonl|--lead|ann|--json|--as-of|2024-03-01T10:00:00Z"
  "-DSTDOUT_CONTAINS={\"lead_id\":\"ann\",\"stage\":\"sal\",\"owner\":\"sales\",\"as_of\":\"2024-03-01T10:00:00Z\",\"sla_deadline\":\"2024-03-03T10:00:00Z\"" -DSTDOUT_LINES=1)
doorway_cli_test(explain_unknown_lead
  "-DARGS=explain|segment_events.jsonl|--lead|anne" -DEXPECT_EXIT=2 -DSTDOUT_EMPTY=ON
  "-DSTDERR_CONTAINS=no lead \"anne\" in segment_events.jsonl (did you mean \"ann\"?)")
doorway_cli_test(explain_no_lead "-DARGS=explain|segment_events.jsonl" -DEXPECT_EXIT=2 "-DSTDERR_CONTAINS=needs --lead ID")

# --- generate: seeded, sized, deterministic; what it writes runs with no rejection.
doorway_cli_test(generate_touches
  "-DARGS=generate|--touches|100|--seed|5" -DSTDOUT_LINES=100 -DRUN_TWICE=ON
  "-DSTDOUT_CONTAINS={\"event_id\":\"e000001\",\"lead_id\":\"lead-00001\"|\"timestamp\":\"2024-01-01T00:00:00Z\""
  "-DSTDERR_CONTAINS=doorway generate: 100 touches")
doorway_cli_test(generate_file
  "-DARGS=generate|--leads|300|--seed|9|--sales-share|80|--channel-mix|paid_search=1,email=1|--output|${DOORWAY_CLI_OUT}/generated.jsonl"
  -DSTDOUT_EMPTY=ON "-DSTDERR_CONTAINS=300 leads (seed 9)")
doorway_cli_test(generate_run
  "-DARGS=run|${DOORWAY_CLI_OUT}/generated.jsonl" -DRUN_TWICE=ON
  "-DSTDERR_CONTAINS=duplicate 0, late 0, invalid 0 (300 leads")
set_tests_properties(cli.generate_file PROPERTIES FIXTURES_SETUP generated_jsonl)
set_tests_properties(cli.generate_run PROPERTIES FIXTURES_REQUIRED generated_jsonl)
doorway_cli_test(generate_bad_mix
  "-DARGS=generate|--channel-mix|paid_serch=3" -DEXPECT_EXIT=2
  "-DSTDERR_CONTAINS=unknown channel \"paid_serch\" (did you mean \"paid_search\"?)")

# --- determinism: the same run twice prints the same bytes.
doorway_cli_test(run_twice
  "-DARGS=run|crm_export.csv|--map|crm_map.json" -DRUN_TWICE=ON -DSTDOUT_LINES=3)

# --- help for the new verbs, with an example each.
foreach(verb IN ITEMS explain convert generate)
  doorway_cli_test(${verb}_help "-DARGS=${verb}|--help" "-DSTDOUT_CONTAINS=Usage: doorway ${verb}|Example")
endforeach()
doorway_cli_test(version_abi "-DARGS=--version" "-DSTDOUT_CONTAINS=(library ${PROJECT_VERSION}, C ABI ")
