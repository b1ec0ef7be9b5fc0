/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "qd-ib-service.h"
#include "qd-memory-bus.h"
#include "qd-order-journal.h"
#include "qd-paper-venue.h"
#include "qd-runtime.h"
#include "qd-test-util.h"

#define COMMANDS "quarterdeck:commands:TESTER-001"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("qd-journal-XXXXXX", &error);
  g_assert_no_error (error);
  /* A folder that does not exist yet: the journal creates it. */
  f->path = g_build_filename (f->dir, "quarterdeck", "orders.jsonl", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  qd_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static char *
submit_payload (const char *request_id)
{
  return g_strdup_printf ("{\"cmd\":\"submit\",\"request_id\":\"%s\",\"instrument_id\":\"AAPL.NASDAQ\","
                          "\"side\":\"BUY\",\"order_type\":\"LIMIT\",\"quantity\":\"100\","
                          "\"price\":\"187.10\",\"time_in_force\":\"DAY\"}", request_id);
}

static void
append (QdOrderJournal *journal,
        const char     *request_id,
        const char     *cmd)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *payload = NULL;

  if (g_strcmp0 (cmd, "submit") == 0)
    payload = submit_payload (request_id);
  else
    payload = g_strdup_printf ("{\"cmd\":\"%s\",\"request_id\":\"%s\"}", cmd, request_id);
  g_assert_true (qd_order_journal_append_command (journal, request_id, "desktop", cmd, payload, &error));
  g_assert_no_error (error);
}

static char *
read_journal (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  if (!g_file_get_contents (f->path, &contents, NULL, &error))
    return g_strdup ("");
  return contents;
}

static void
write_journal (Fixture    *f,
               const char *contents)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (f->path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (f->path, contents, -1, &error);
  g_assert_no_error (error);
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(QdOrderJournal) journal = NULL;
  g_autoptr(QdOrderJournal) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (f->path);
  g_autofree char *contents = NULL;
  QdJournalEntry *entry;
  struct stat st;

  journal = qd_order_journal_new (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  append (journal, "req-1", "submit");
  g_assert_true (qd_order_journal_record_ack (journal, "req-1", TRUE, "O-1", NULL, &error));
  g_assert_true (qd_order_journal_record_final (journal, "req-1", NULL, "FILLED", &error));
  g_assert_no_error (error);
  g_assert_false (qd_order_journal_record_ack (journal, "nope", TRUE, NULL, NULL, &error));
  g_assert_error (error, QD_ORDER_JOURNAL_ERROR, QD_ORDER_JOURNAL_ERROR_INVALID);
  g_clear_error (&error);

  contents = read_journal (f);
  g_assert_cmpuint (count (contents, "\n"), ==, 3);
  g_assert_nonnull (strstr (contents, "\"kind\":\"command\",\"origin\":\"desktop\""));
  g_assert_nonnull (strstr (contents, "\"price\":\"187.10\""));
  g_assert_nonnull (strstr (contents, "{\"kind\":\"final\",\"request_id\":\"req-1\",\"client_order_id\":\"O-1\",\"state\":\"FILLED\""));

  again = qd_order_journal_new (f->path, &error);
  g_assert_no_error (error);
  g_assert_null (qd_order_journal_get_replay_problem (again));
  g_assert_cmpuint (qd_order_journal_get_skipped_lines (again), ==, 0);
  g_assert_cmpuint (qd_order_journal_get_unresolved (again)->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (qd_order_journal_get_entries (again)), ==, 1);
  entry = qd_order_journal_lookup (again, "req-1");
  g_assert_nonnull (entry);
  g_assert_cmpstr (qd_journal_entry_get_cmd (entry), ==, "submit");
  g_assert_cmpstr (qd_journal_entry_get_origin (entry), ==, "desktop");
  g_assert_cmpstr (qd_journal_entry_get_client_order_id (entry), ==, "O-1");
  g_assert_cmpstr (qd_journal_entry_get_final_state (entry), ==, "FILLED");
  g_assert_cmpstr (qd_journal_entry_get_summary (entry), ==, "submit BUY 100 AAPL.NASDAQ LMT 187.10 DAY");
  g_assert_nonnull (qd_journal_entry_get_time (entry));
  g_assert_false (qd_journal_entry_get_unresolved (entry));
}

static void
test_second_reader_sees_append (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(QdOrderJournal) writer = NULL;
  g_autoptr(QdOrderJournal) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(QdJournalEntry) newest = NULL;

  writer = qd_order_journal_new (f->path, &error);
  g_assert_no_error (error);
  append (writer, "req-a", "submit");
  append (writer, "req-b", "cancel_all");

  reader = qd_order_journal_new (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (qd_order_journal_lookup (reader, "req-a"));
  newest = g_list_model_get_item (qd_order_journal_get_entries (reader), 0);
  g_assert_cmpstr (qd_journal_entry_get_request_id (newest), ==, "req-b");

  /* A payload that does not name its own request is refused and nothing is written. */
  g_assert_false (qd_order_journal_append_command (writer, "req-c", NULL, "submit",
                                                   "{\"cmd\":\"submit\",\"request_id\":\"other\"}", &error));
  g_assert_error (error, QD_ORDER_JOURNAL_ERROR, QD_ORDER_JOURNAL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (qd_order_journal_append_command (writer, "req-a", NULL, "submit", "[1]", &error));
  g_assert_error (error, QD_ORDER_JOURNAL_ERROR, QD_ORDER_JOURNAL_ERROR_INVALID);
}

/* Acks and final states skip the per-record fdatasync, not the write: another reader (or
 * the app after a crash) sees them at once, and flush puts them on disk. */
static void
test_deferred_records_written_at_once (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr(QdOrderJournal) writer = NULL;
  g_autoptr(QdOrderJournal) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  writer = qd_order_journal_new (f->path, &error);
  g_assert_no_error (error);
  append (writer, "req-a", "submit");
  g_assert_true (qd_order_journal_record_ack (writer, "req-a", TRUE, "O-1", NULL, &error));
  g_assert_true (qd_order_journal_record_final (writer, "req-a", "O-1", "FILLED", &error));
  g_assert_no_error (error);

  reader = qd_order_journal_new (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (qd_journal_entry_get_final_state (qd_order_journal_lookup (reader, "req-a")), ==, "FILLED");
  g_assert_cmpstr (qd_journal_entry_get_client_order_id (qd_order_journal_lookup (reader, "req-a")), ==, "O-1");

  /* The deferred flush runs from the main loop; an explicit flush after it has nothing left. */
  g_timeout_add_once (400, (GSourceOnceFunc) g_main_loop_quit, loop);
  g_main_loop_run (loop);
  g_assert_true (qd_order_journal_flush (writer, &error));
  g_assert_no_error (error);
  /* The next command still goes to disk first, after the deferred records. */
  append (writer, "req-b", "cancel_all");
  g_clear_object (&reader);
  reader = qd_order_journal_new (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (qd_order_journal_get_skipped_lines (reader), ==, 0);
  g_assert_nonnull (qd_order_journal_lookup (reader, "req-b"));
}

static void
test_torn_last_line (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(QdOrderJournal) journal = NULL;
  g_autoptr(QdOrderJournal) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *good = submit_payload ("req-1");
  g_autofree char *contents = NULL;
  g_autofree char *torn = NULL;

  /* A crash mid-write: the first record whole, the second cut in half. */
  contents = g_strdup_printf ("{\"kind\":\"command\",\"origin\":\"desktop\",\"time\":\"2026-11-25T10:00:00Z\",%s\n"
                              "{\"kind\":\"ack\",\"request_id\":\"req-1\",\"ok\":tr", good + 1);
  write_journal (f, contents);

  journal = qd_order_journal_new (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (qd_order_journal_get_skipped_lines (journal), ==, 1);
  g_assert_nonnull (qd_order_journal_get_replay_problem (journal));
  g_assert_nonnull (strstr (qd_order_journal_get_replay_problem (journal), "incomplete"));
  g_assert_cmpuint (qd_order_journal_get_unresolved (journal)->len, ==, 1);
  g_assert_cmpstr (qd_journal_entry_get_state_text (qd_order_journal_lookup (journal, "req-1")), ==,
                   "Unknown — check orders");

  /* The next record starts on a line of its own instead of completing the torn one. */
  append (journal, "req-2", "submit");
  again = qd_order_journal_new (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (qd_order_journal_get_skipped_lines (again), ==, 1);
  g_assert_nonnull (qd_order_journal_lookup (again, "req-2"));
  torn = read_journal (f);
  g_assert_nonnull (strstr (torn, "\"ok\":tr\n{\"kind\":\"command\""));
}

static void
test_corrupt_middle_line (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(QdOrderJournal) journal = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *one = submit_payload ("req-1");
  g_autofree char *two = submit_payload ("req-2");
  g_autofree char *contents = NULL;
  const char *problem;

  contents = g_strdup_printf ("{\"kind\":\"command\",\"origin\":\"desktop\",\"time\":\"2026-11-25T10:00:00Z\",%s\n"
                              "\x01\xff garbage {\n"
                              "{\"kind\":\"command\",\"origin\":\"remote:10.0.0.2\",\"time\":\"2026-11-25T10:00:01Z\",%s\n",
                              one + 1, two + 1);
  write_journal (f, contents);

  journal = qd_order_journal_new (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (qd_order_journal_get_skipped_lines (journal), ==, 1);
  problem = qd_order_journal_get_replay_problem (journal);
  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (problem, "1 damaged line"));
  g_assert_null (strstr (problem, "incomplete"));
  g_assert_cmpuint (g_list_model_get_n_items (qd_order_journal_get_entries (journal)), ==, 2);
  g_assert_cmpstr (qd_journal_entry_get_origin (qd_order_journal_lookup (journal, "req-2")), ==, "remote:10.0.0.2");
}

static void
test_deep_nesting_rejected (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(QdOrderJournal) journal = NULL;
  g_autoptr(GError) error = NULL;
  GString *line = g_string_new ("{\"kind\":\"command\",\"cmd\":\"submit\",\"request_id\":\"deep\",\"x\":");

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (line, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (line, ']');
  g_string_append (line, "}\n{\"kind\":\"command\",\"cmd\":\"submit\",\"request_id\":\"shallow\",\"x\":[[[]]]}\n");
  write_journal (f, line->str);
  g_string_free (line, TRUE);

  journal = qd_order_journal_new (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (qd_order_journal_get_skipped_lines (journal), ==, 1);
  g_assert_null (qd_order_journal_lookup (journal, "deep"));
  g_assert_nonnull (qd_order_journal_lookup (journal, "shallow"));

  /* Under the length cap but too deep for the guard. */
  g_clear_object (&journal);
  write_journal (f, "{\"kind\":\"command\",\"cmd\":\"submit\",\"request_id\":\"d\",\"x\":[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]}\n");
  journal = qd_order_journal_new (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (qd_order_journal_get_skipped_lines (journal), ==, 1);
  g_assert_null (qd_order_journal_lookup (journal, "d"));
}

static void
test_unresolved_after_reopen (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(QdOrderJournal) journal = NULL;
  g_autoptr(QdOrderJournal) again = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *unresolved;

  journal = qd_order_journal_new (f->path, &error);
  g_assert_no_error (error);
  append (journal, "no-answer", "submit");
  append (journal, "accepted", "submit");
  g_assert_true (qd_order_journal_record_ack (journal, "accepted", TRUE, "O-2", NULL, NULL));
  append (journal, "refused", "submit");
  g_assert_true (qd_order_journal_record_ack (journal, "refused", FALSE, NULL, "no such symbol", NULL));
  append (journal, "filled", "submit");
  g_assert_true (qd_order_journal_record_final (journal, "filled", "O-4", "FILLED", NULL));
  append (journal, "cancel-all", "cancel_all");
  g_assert_true (qd_order_journal_record_ack (journal, "cancel-all", TRUE, NULL, NULL, NULL));
  append (journal, "refresh", "refresh_account");
  g_assert_cmpuint (qd_order_journal_get_unresolved (journal)->len, ==, 0);
  g_clear_object (&journal);

  again = qd_order_journal_new (f->path, &error);
  g_assert_no_error (error);
  unresolved = qd_order_journal_get_unresolved (again);
  g_assert_cmpuint (unresolved->len, ==, 2);
  g_assert_cmpstr (qd_journal_entry_get_request_id (g_ptr_array_index (unresolved, 0)), ==, "no-answer");
  g_assert_cmpstr (qd_journal_entry_get_request_id (g_ptr_array_index (unresolved, 1)), ==, "accepted");
  g_assert_true (qd_journal_entry_get_unresolved (g_ptr_array_index (unresolved, 1)));
  g_assert_cmpstr (qd_journal_entry_get_state_text (qd_order_journal_lookup (again, "refused")), ==,
                   "Refused: no such symbol");

  /* The accepted order turns up: reconciled, then its final state is journaled. */
  g_assert_true (qd_order_journal_link_order (again, "accepted", "O-2"));
  g_assert_false (qd_order_journal_link_order (again, "accepted", "O-2"));
  g_assert_cmpuint (unresolved->len, ==, 1);
  g_assert_cmpuint (qd_order_journal_finalize_order (again, "O-2", "CANCELED", &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpuint (qd_order_journal_finalize_order (again, "O-2", "CANCELED", &error), ==, 0);
  g_assert_cmpstr (qd_journal_entry_get_final_state (qd_order_journal_lookup (again, "accepted")), ==, "CANCELED");
}

/* Past its limit the journal is kept under a dated name, whole, and starts again with the
 * records of the requests still open: they stay unknown, and new commands go on. */
static void
test_rotation_keeps_open_requests (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(QdOrderJournal) journal = NULL;
  g_autoptr(QdOrderJournal) rotated = NULL;
  g_autoptr(QdOrderJournal) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *archived = NULL;
  g_autofree char *after = NULL;
  g_autofree char *archive_name = NULL;
  GPtrArray *unresolved;

  journal = qd_order_journal_new (f->path, &error);
  g_assert_no_error (error);
  g_assert_null (qd_order_journal_get_archive_path (journal));
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *id = g_strdup_printf ("done-%u", i);
      g_autofree char *order = g_strdup_printf ("O-%u", i);

      append (journal, id, "submit");
      g_assert_true (qd_order_journal_record_ack (journal, id, TRUE, order, NULL, NULL));
      g_assert_true (qd_order_journal_record_final (journal, id, order, "FILLED", NULL));
    }
  append (journal, "no-answer", "submit");
  append (journal, "working", "submit");
  g_assert_true (qd_order_journal_record_ack (journal, "working", TRUE, "O-W", NULL, NULL));
  g_assert_true (qd_order_journal_flush (journal, NULL));
  g_clear_object (&journal);
  before = read_journal (f);

  /* Under the limit: nothing moves. */
  journal = qd_order_journal_new_with_limit (f->path, strlen (before) + 1, &error);
  g_assert_no_error (error);
  g_assert_null (qd_order_journal_get_archive_path (journal));
  g_clear_object (&journal);

  rotated = qd_order_journal_new_with_limit (f->path, 1024, &error);
  g_assert_no_error (error);
  g_assert_nonnull (qd_order_journal_get_archive_path (rotated));
  archive_name = g_path_get_basename (qd_order_journal_get_archive_path (rotated));
  g_assert_true (g_str_has_prefix (archive_name, "orders-"));
  g_assert_true (g_str_has_suffix (archive_name, "Z.jsonl"));
  g_assert_true (g_file_get_contents (qd_order_journal_get_archive_path (rotated), &archived, NULL, NULL));
  g_assert_cmpstr (archived, ==, before);

  after = read_journal (f);
  g_assert_cmpuint (count (after, "\n"), ==, 3);
  g_assert_cmpuint (count (after, "\"no-answer\""), ==, 1);
  g_assert_cmpuint (count (after, "\"working\""), ==, 2);
  g_assert_cmpuint (count (after, "done-"), ==, 0);
  unresolved = qd_order_journal_get_unresolved (rotated);
  g_assert_cmpuint (unresolved->len, ==, 2);
  g_assert_cmpstr (qd_journal_entry_get_state_text (qd_order_journal_lookup (rotated, "no-answer")), ==,
                   "Unknown — check orders");

  /* The journal goes on in the fresh file, and what was open is still open after a restart. */
  append (rotated, "new", "submit");
  g_clear_object (&rotated);
  again = qd_order_journal_new (f->path, &error);
  g_assert_no_error (error);
  g_assert_null (qd_order_journal_get_archive_path (again));
  g_assert_cmpuint (qd_order_journal_get_skipped_lines (again), ==, 0);
  unresolved = qd_order_journal_get_unresolved (again);
  g_assert_cmpuint (unresolved->len, ==, 3);
  g_assert_true (qd_order_journal_link_order (again, "working", "O-W"));
  g_assert_cmpuint (qd_order_journal_finalize_order (again, "O-W", "FILLED", &error), ==, 1);
  g_assert_no_error (error);
}

/* ---- the service ------------------------------------------------------------------- */

static const QdOrderRequest limit_request = {
  .instrument_id = "AAPL.NASDAQ",
  .side = QD_ORDER_SIDE_BUY,
  .order_type = QD_ORDER_TYPE_LIMIT,
  .quantity = { 100, 0 },
  .limit_price = { 18710, 2 },
  .stop_price = QD_DECIMAL_NONE,
  .time_in_force = QD_TIME_IN_FORCE_DAY,
};

typedef struct
{
  Fixture *f;
  QdBus   *bus;
  guint    checked;
} OrderCheck;

/* Runs when the journal takes the entry: the command must be on disk, and not yet on the bus. */
static void
on_journal_changed (GListModel *entries,
                    guint       position,
                    guint       removed,
                    guint       added,
                    OrderCheck *check)
{
  g_autoptr(QdJournalEntry) entry = g_list_model_get_item (entries, 0);
  g_autofree char *contents = read_journal (check->f);

  g_assert_nonnull (strstr (contents, qd_journal_entry_get_request_id (entry)));
  g_assert_cmpuint (qd_memory_bus_get_stream_length (QD_MEMORY_BUS (check->bus), COMMANDS), ==, 0);
  check->checked++;
}

static void
test_service_journals_first (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(QdBus) bus = qd_memory_bus_new ();
  g_autoptr(QdIbService) service = qd_ib_service_new (bus, "TESTER-001");
  g_autoptr(QdOrderJournal) journal = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *request_id = NULL;
  g_autofree char *contents = NULL;
  QdOrderRequest invalid = limit_request;
  OrderCheck check = { f, bus, 0 };

  journal = qd_order_journal_new (f->path, &error);
  g_assert_no_error (error);
  qd_ib_service_set_journal (service, journal);
  g_assert_true (qd_ib_service_get_journal (service) == journal);
  g_signal_connect (qd_order_journal_get_entries (journal), "items-changed",
                    G_CALLBACK (on_journal_changed), &check);

  invalid.quantity = QD_DECIMAL_NONE;
  g_assert_null (qd_ib_service_place_order (service, &invalid, &error));
  g_assert_error (error, QD_IB_SERVICE_ERROR, QD_IB_SERVICE_ERROR_INVALID);
  g_clear_error (&error);
  contents = read_journal (f);
  g_assert_cmpstr (contents, ==, "");
  g_assert_cmpuint (qd_memory_bus_get_stream_length (QD_MEMORY_BUS (bus), COMMANDS), ==, 0);

  request_id = qd_ib_service_place_order_full (service, &limit_request, "remote:127.0.0.1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (check.checked, ==, 1);
  g_assert_cmpuint (qd_memory_bus_get_stream_length (QD_MEMORY_BUS (bus), COMMANDS), ==, 1);
  g_assert_cmpstr (qd_journal_entry_get_origin (qd_order_journal_lookup (journal, request_id)), ==,
                   "remote:127.0.0.1");

  g_signal_handlers_disconnect_by_data (qd_order_journal_get_entries (journal), &check);
  qd_ib_service_set_journal (service, NULL);
}

static void
test_service_read_only_journal (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(QdBus) bus = qd_memory_bus_new ();
  g_autoptr(QdIbService) service = qd_ib_service_new (bus, "TESTER-001");
  g_autoptr(QdOrderJournal) journal = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *locked = g_build_filename (f->dir, "locked", NULL);
  g_autofree char *path = g_build_filename (locked, "orders.jsonl", NULL);
  g_autofree char *refresh_id = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("root ignores file modes: a read-only folder cannot be simulated");
      return;
    }

  g_assert_cmpint (g_mkdir (locked, 0500), ==, 0);
  journal = qd_order_journal_new (path, &error);
  g_assert_null (journal);
  g_assert_error (error, QD_ORDER_JOURNAL_ERROR, QD_ORDER_JOURNAL_ERROR_OPEN);

  qd_ib_service_set_journal_error (service, error->message);
  g_clear_error (&error);
  g_assert_null (qd_ib_service_place_order (service, &limit_request, &error));
  g_assert_error (error, QD_IB_SERVICE_ERROR, QD_IB_SERVICE_ERROR_PUBLISH);
  g_assert_true (g_str_has_prefix (error->message, "order journal unavailable: "));
  g_clear_error (&error);
  g_assert_null (qd_ib_service_cancel_all (service, NULL, &error));
  g_assert_error (error, QD_IB_SERVICE_ERROR, QD_IB_SERVICE_ERROR_PUBLISH);
  g_assert_cmpuint (qd_memory_bus_get_stream_length (QD_MEMORY_BUS (bus), COMMANDS), ==, 0);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* Reading the account does not trade: it still works. */
  refresh_id = qd_ib_service_refresh_account (service, NULL);
  g_assert_nonnull (refresh_id);
}

/* A full disk, as far as this process can tell: the file may not grow past its size. */
static void
test_service_write_failure (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(QdBus) bus = qd_memory_bus_new ();
  g_autoptr(QdIbService) service = qd_ib_service_new (bus, "TESTER-001");
  g_autoptr(QdOrderJournal) journal = NULL;
  g_autoptr(QdOrderJournal) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  struct rlimit saved;
  struct rlimit limit;
  struct stat st;
  void (*old_handler) (int);

  journal = qd_order_journal_new (f->path, &error);
  g_assert_no_error (error);
  qd_ib_service_set_journal (service, journal);
  first = qd_ib_service_place_order (service, &limit_request, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  limit = saved;
  limit.rlim_cur = (rlim_t) st.st_size;
  old_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

  g_assert_null (qd_ib_service_place_order (service, &limit_request, &error));
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  signal (SIGXFSZ, old_handler);

  g_assert_error (error, QD_IB_SERVICE_ERROR, QD_IB_SERVICE_ERROR_PUBLISH);
  g_clear_error (&error);
  g_assert_cmpuint (qd_memory_bus_get_stream_length (QD_MEMORY_BUS (bus), COMMANDS), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (qd_order_journal_get_entries (journal)), ==, 1);

  again = qd_order_journal_new (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (qd_order_journal_get_skipped_lines (again), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (qd_order_journal_get_entries (again)), ==, 1);
  qd_ib_service_set_journal (service, NULL);
}

static void
test_runtime_journal (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(QdRuntime) runtime = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *request_id = NULL;
  g_autofree char *blocker = g_build_filename (f->dir, "not-a-folder", NULL);
  g_autofree char *unusable = g_build_filename (blocker, "orders.jsonl", NULL);
  QdRuntimeConfig config = { .demo = TRUE, .without_trader = TRUE, .journal_path = f->path };

  runtime = qd_runtime_new (&config, &error);
  g_assert_no_error (error);
  g_assert_nonnull (qd_runtime_get_journal (runtime));
  g_assert_true (qd_ib_service_get_journal (qd_runtime_get_service (runtime)) == qd_runtime_get_journal (runtime));
  g_assert_cmpstr (qd_order_journal_get_path (qd_runtime_get_journal (runtime)), ==, f->path);
  g_clear_object (&runtime);

  /* A file where the folder should be: the journal cannot open, even for root. */
  g_assert_true (g_file_set_contents (blocker, "", 0, NULL));
  config.journal_path = unusable;
  runtime = qd_runtime_new (&config, &error);
  g_assert_no_error (error);
  g_assert_null (qd_runtime_get_journal (runtime));
  request_id = qd_ib_service_place_order (qd_runtime_get_service (runtime), &limit_request, &error);
  g_assert_null (request_id);
  g_assert_error (error, QD_IB_SERVICE_ERROR, QD_IB_SERVICE_ERROR_PUBLISH);
  g_assert_true (g_str_has_prefix (error->message, "order journal unavailable: "));
}

static void
settle (QdPaperVenue *venue,
        guint         rounds)
{
  for (guint i = 0; i < rounds; i++)
    {
      while (g_main_context_iteration (NULL, FALSE));
      qd_paper_venue_step (venue, 10 * G_GINT64_CONSTANT (1000000));
    }
  while (g_main_context_iteration (NULL, FALSE));
}

typedef struct
{
  GPtrArray *messages;
} Activity;

static void
on_activity (QdIbService *service,
             int          kind,
             const char  *message,
             GPtrArray   *messages)
{
  g_ptr_array_add (messages, g_strdup (message));
}

static gboolean
any_message (GPtrArray  *messages,
             const char *needle)
{
  for (guint i = 0; i < messages->len; i++)
    if (strstr (g_ptr_array_index (messages, i), needle) != NULL)
      return TRUE;
  return FALSE;
}

static void
test_service_acks_and_finals (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(QdBus) bus = qd_memory_bus_new ();
  g_autoptr(QdIbService) service = qd_ib_service_new (bus, "TESTER-001");
  g_autoptr(QdPaperVenue) venue = qd_paper_venue_new (bus, "TESTER-001", 1);
  g_autoptr(QdOrderJournal) journal = NULL;
  g_autoptr(QdOrderJournal) again = NULL;
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *market_id = NULL;
  g_autofree char *limit_id = NULL;
  g_autofree char *cancel_id = NULL;
  g_autofree char *contents = NULL;
  QdOrderRequest request = limit_request;
  const char *coid = NULL;

  journal = qd_order_journal_new (f->path, &error);
  g_assert_no_error (error);
  qd_ib_service_set_journal (service, journal);
  qd_paper_venue_set_manual_clock (venue, G_GINT64_CONSTANT (1782916200000000000));
  qd_paper_venue_start (venue);
  qd_ib_service_start (service);
  qd_paper_venue_set_touch (venue, "AAPL.NASDAQ", "187.20", "187.22", "500", "500");
  settle (venue, 3);

  request.order_type = QD_ORDER_TYPE_MARKET;
  request.limit_price = QD_DECIMAL_NONE;
  market_id = qd_ib_service_place_order (service, &request, &error);
  g_assert_no_error (error);
  request = limit_request;
  request.limit_price = (QdDecimal) { 18500, 2 };
  limit_id = qd_ib_service_place_order (service, &request, &error);
  g_assert_no_error (error);
  settle (venue, 3);
  g_assert_cmpstr (qd_journal_entry_get_final_state (qd_order_journal_lookup (journal, market_id)), ==, "FILLED");
  g_assert_null (qd_journal_entry_get_final_state (qd_order_journal_lookup (journal, limit_id)));

  g_assert_true (qd_ib_service_get_request (service, limit_id, NULL, &coid, NULL));
  cancel_id = qd_ib_service_cancel_order (service, coid, &error);
  g_assert_no_error (error);
  settle (venue, 3);
  g_assert_cmpstr (qd_journal_entry_get_final_state (qd_order_journal_lookup (journal, limit_id)), ==, "CANCELED");
  g_assert_cmpstr (qd_journal_entry_get_final_state (qd_order_journal_lookup (journal, cancel_id)), ==, "CANCELED");

  contents = read_journal (f);
  g_assert_cmpuint (count (contents, "\"kind\":\"command\""), >=, 3);
  g_assert_cmpuint (count (contents, "\"kind\":\"ack\""), >=, 3);
  g_assert_cmpuint (count (contents, "\"kind\":\"final\""), ==, 3);

  qd_ib_service_stop (service);
  qd_paper_venue_stop (venue);

  /* A request whose process died before any answer: reported at the next start. */
  g_assert_true (qd_order_journal_append_command (journal, "lost-1", "desktop", "submit",
                                                  "{\"cmd\":\"submit\",\"request_id\":\"lost-1\",\"instrument_id\":\"AAPL.NASDAQ\","
                                                  "\"side\":\"BUY\",\"order_type\":\"MARKET\",\"quantity\":\"100\","
                                                  "\"time_in_force\":\"DAY\"}", &error));
  again = qd_order_journal_new (f->path, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "activity", G_CALLBACK (on_activity), messages);
  qd_ib_service_set_journal (service, again);
  g_assert_true (any_message (messages, "Request lost-1 (submit BUY 100 AAPL.NASDAQ MKT DAY) from a previous "
                              "session has no known outcome — check the orders"));
  g_signal_handlers_disconnect_by_data (service, messages);
  qd_ib_service_set_journal (service, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ("/journal/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("round-trip", test_round_trip);
  ADD ("second-reader-sees-append", test_second_reader_sees_append);
  ADD ("deferred-records-written-at-once", test_deferred_records_written_at_once);
  ADD ("torn-last-line", test_torn_last_line);
  ADD ("corrupt-middle-line", test_corrupt_middle_line);
  ADD ("deep-nesting-rejected", test_deep_nesting_rejected);
  ADD ("unresolved-after-reopen", test_unresolved_after_reopen);
  ADD ("rotation-keeps-open-requests", test_rotation_keeps_open_requests);
  ADD ("service-journals-first", test_service_journals_first);
  ADD ("service-read-only-journal", test_service_read_only_journal);
  ADD ("service-acks-and-finals", test_service_acks_and_finals);
  ADD ("service-write-failure", test_service_write_failure);
  ADD ("runtime-journal", test_runtime_journal);
#undef ADD

  return g_test_run ();
}
