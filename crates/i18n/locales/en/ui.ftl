# The words of the command line that are not any one command's: clap's headings and flags.
ui-usage = Usage:
ui-commands = Commands
ui-options = Options
ui-arguments = Arguments
ui-print-help = Print help
ui-print-version = Print version
ui-help-subcommand = Print this message or the help of the given subcommand(s)
ui-error = error
# The org chart's last line: how many of the people still there we have met.
orgchart-coverage = Coverage: { $contacted } of { $total } contacted ({ $percent }%)
orgchart-left = { $left ->
    [one] ; 1 who left not counted
   *[other] ; { $left } who left not counted
}
ui-possible-values = possible values
ui-default = default
ui-env = env
# Mistakes on the command line. English runs print clap's own text; these say the same.
usage-unknown-argument = unexpected argument '{ $arg }' found
usage-invalid-subcommand = unrecognized subcommand '{ $name }'
usage-value-missing = a value is required for '{ $arg }' but none was supplied
usage-invalid-value = invalid value '{ $value }' for '{ $arg }'
usage-missing-required = the following required arguments were not provided: { $args }
usage-missing-subcommand = '{ $name }' requires a subcommand but one was not provided
usage-argument-conflict = the argument '{ $arg }' cannot be used with '{ $other }'
usage-too-many-values = unexpected value '{ $value }' for '{ $arg }' found; no more were expected
usage-wrong-number-of-values = '{ $arg }' was given the wrong number of values
usage-no-equals = equal sign is needed when assigning values to '{ $arg }'
usage-invalid-utf8 = invalid UTF-8 was detected in one or more arguments
usage-not-understood = the command line was not understood
usage-did-you-mean = tip: similar ones exist: { $suggestion }
usage-try-help = For more information, try '--help'.
