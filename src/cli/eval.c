/* quotegraph eval: filled in by the evaluation issue. */
#include "cli.h"

int cmd_eval(cli_args *a)
{
    (void)a;
    cli_error(NULL, "eval is not built yet");
    return 2;
}
