/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "qd-application.h"
#include "qd-headless.h"

static gboolean
wants_headless (int    argc,
                char **argv)
{
  int i;

  /* Decided before any display is opened: a server box has none. */
  for (i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--") == 0)
        break;
      if (strcmp (argv[i], "--headless") == 0)
        return TRUE;
    }
  return FALSE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(QdApplication) app = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  GSettingsSchemaSource *source;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (wants_headless (argc, argv))
    return qd_headless_run (argc, argv);

  /* Without its schema GSettings would abort: say what is wrong instead. */
  source = g_settings_schema_source_get_default ();
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_printerr (_("quarterdeck: the settings schema %s is not installed. Install Quarterdeck, or run it "
                    "from the build directory with GSETTINGS_SCHEMA_DIR=_build/data.\n"), APP_ID);
      return 1;
    }

  app = qd_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
