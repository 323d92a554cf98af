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
