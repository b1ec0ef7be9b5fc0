/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "qd-options.h"

#define SCHEMA_ID "io.github.quarterdeck.Quarterdeck"

/* Where the node's stream is read from: the command line, else the settings, else the
 * trader-{ID}:stream default. */
static void
test_stream_key_and_history (void)
{
  g_autoptr(GSettings) settings = g_settings_new (SCHEMA_ID);
  QdOptions options = QD_OPTIONS_INIT;
  QdRuntimeConfig config;
  g_auto(GStrv) held = NULL;

  qd_options_to_runtime_config (&options, settings, &config, &held);
  g_assert_nonnull (config.redis_options);
  g_assert_null (config.redis_options->stream_key);
  g_assert_cmpuint (config.redis_options->history_limit, ==, 100000);
  g_clear_pointer (&held, g_strfreev);

  g_settings_set_string (settings, "stream-key", "ib");
  g_settings_set_uint (settings, "history-limit", 5000);
  g_settings_set_string (settings, "trader-id", "TRADER-7");
  qd_options_to_runtime_config (&options, settings, &config, &held);
  g_assert_cmpstr (config.redis_options->stream_key, ==, "ib");
  g_assert_cmpuint (config.redis_options->history_limit, ==, 5000);
  g_assert_cmpstr (config.trader_id, ==, "TRADER-7");
  g_clear_pointer (&held, g_strfreev);

  options.stream_key = g_strdup ("trader-TRADER-7:a1b2:stream");
  options.history = 10;
  qd_options_to_runtime_config (&options, settings, &config, &held);
  g_assert_cmpstr (config.redis_options->stream_key, ==, "trader-TRADER-7:a1b2:stream");
  g_assert_cmpuint (config.redis_options->history_limit, ==, 10);

  g_settings_reset (settings, "stream-key");
  g_settings_reset (settings, "history-limit");
  g_settings_reset (settings, "trader-id");
  qd_options_clear (&options);
}

static void
test_stream_key_and_history_validated (void)
{
  const char *bad_keys[] = { "", "trader-*:stream", "two words", "a[1]" };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (bad_keys); i++)
    {
      QdOptions options = QD_OPTIONS_INIT;
      g_autoptr(GError) error = NULL;

      options.stream_key = g_strdup (bad_keys[i]);
      g_assert_false (qd_options_validate (&options, &error));
      g_assert_nonnull (strstr (error->message, "--stream-key"));
      qd_options_clear (&options);
    }

  {
    QdOptions options = QD_OPTIONS_INIT;
    g_autoptr(GError) error = NULL;

    options.history = -1;
    g_assert_false (qd_options_validate (&options, &error));
    g_assert_nonnull (strstr (error->message, "--history"));
    g_clear_error (&error);

    options.history = 250000;
    options.stream_key = g_strdup ("ib");
    g_assert_true (qd_options_validate (&options, &error));
    g_assert_no_error (error);
    qd_options_clear (&options);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/options/stream-key-and-history", test_stream_key_and_history);
  g_test_add_func ("/options/stream-key-and-history-validated", test_stream_key_and_history_validated);

  return g_test_run ();
}
