/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "qd-memory-bus.h"

typedef struct
{
  GPtrArray *seen;      /* "stream|id|topic|payload" */
  guint      batches;
  QdBus     *bus;
  guint      unwatch_after;
  guint      watch_id;
} Collector;

static void
collector_init (Collector *c)
{
  memset (c, 0, sizeof *c);
  c->seen = g_ptr_array_new_with_free_func (g_free);
}

static void
collector_clear (Collector *c)
{
  g_ptr_array_unref (c->seen);
}

static void
collect_cb (QdBus            *bus,
            const QdBusEntry *entries,
            guint             n_entries,
            gpointer          user_data)
{
  Collector *c = user_data;
  guint i;

  c->batches++;
  for (i = 0; i < n_entries; i++)
    {
      g_assert_cmpuint (strlen (entries[i].payload), ==, entries[i].payload_len);
      g_ptr_array_add (c->seen, g_strdup_printf ("%s|%s|%.*s", entries[i].stream, entries[i].topic,
                                                 (int) entries[i].payload_len, entries[i].payload));
    }

  if (c->unwatch_after > 0 && c->seen->len >= c->unwatch_after)
    qd_bus_unwatch (bus, c->watch_id);
}

static void
append (QdBus      *bus,
        const char *stream,
        const char *topic,
        const char *payload)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = qd_bus_append (bus, stream, topic, payload, -1, 0, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
}

static void
test_history_and_new (void)
{
  g_autoptr(QdBus) bus = qd_memory_bus_new ();
  Collector all, fresh;

  collector_init (&all);
  collector_init (&fresh);

  append (bus, "s", "t", "1");
  append (bus, "s", "t", "2");

  qd_bus_watch (bus, "s", "0", collect_cb, &all, NULL);
  qd_bus_watch (bus, "s", "$", collect_cb, &fresh, NULL);
  append (bus, "s", "t", "3");

  /* Nothing is delivered outside the main loop. */
  g_assert_cmpuint (all.seen->len, ==, 0);
  while (g_main_context_iteration (NULL, FALSE));

  g_assert_cmpuint (all.seen->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (all.seen, 0), ==, "s|t|1");
  g_assert_cmpstr (g_ptr_array_index (all.seen, 2), ==, "s|t|3");
  g_assert_cmpuint (fresh.seen->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (fresh.seen, 0), ==, "s|t|3");

  collector_clear (&all);
  collector_clear (&fresh);
}

static void
test_prefix_pattern (void)
{
  g_autoptr(QdBus) bus = qd_memory_bus_new ();
  Collector c;

  collector_init (&c);
  append (bus, "trader-T:stream:events.order.X", "events.order.X", "{}");
  append (bus, "trader-T:stream:data.quotes.A", "data.quotes.A", "{}");
  append (bus, "other:stream", "x", "{}");

  qd_bus_watch (bus, "trader-T:stream:*", "0", collect_cb, &c, NULL);
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_cmpuint (c.seen->len, ==, 2);

  /* A stream that appears later is picked up from its first entry. */
  append (bus, "trader-T:stream:health:heartbeat", "health:heartbeat", "2026-07-01T14:30:12+00:00");
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_cmpuint (c.seen->len, ==, 3);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (c.seen, 2), "trader-T:stream:health:heartbeat|"));

  collector_clear (&c);
}

static void
test_ids_increase (void)
{
  g_autoptr(QdBus) bus = qd_memory_bus_new ();
  g_autofree char *prev = NULL;
  guint i;

  for (i = 0; i < 5000; i++)
    {
      g_autofree char *id = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (qd_bus_append (bus, "s", "t", "x", 1, 0, &id, &error));
      g_assert_no_error (error);
      g_assert_nonnull (strchr (id, '-'));
      if (prev != NULL)
        g_assert_cmpint (qd_bus_compare_ids (prev, id), <, 0);
      g_free (prev);
      prev = g_steal_pointer (&id);
    }

  g_assert_cmpint (qd_bus_compare_ids ("10-0", "9-5"), >, 0);
  g_assert_cmpint (qd_bus_compare_ids ("10-2", "10-10"), <, 0);
  g_assert_cmpint (qd_bus_compare_ids ("7-1", "7-1"), ==, 0);
}

static void
test_from_explicit_id (void)
{
  g_autoptr(QdBus) bus = qd_memory_bus_new ();
  g_autofree char *second = NULL;
  Collector c;

  collector_init (&c);
  append (bus, "s", "t", "1");
  g_assert_true (qd_bus_append (bus, "s", "t", "2", -1, 0, &second, NULL));
  append (bus, "s", "t", "3");

  /* Resuming after a known id delivers exactly what came after it. */
  qd_bus_watch (bus, "s", second, collect_cb, &c, NULL);
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_cmpuint (c.seen->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (c.seen, 0), ==, "s|t|3");

  collector_clear (&c);
}

static void
test_maxlen_trims (void)
{
  g_autoptr(QdBus) bus = qd_memory_bus_new ();
  Collector c;
  guint i;

  collector_init (&c);
  for (i = 0; i < 1000; i++)
    {
      g_autofree char *payload = g_strdup_printf ("%u", i);
      g_assert_true (qd_bus_append (bus, "s", "t", payload, -1, 100, NULL, NULL));
    }

  /* Approximate like Redis's "~": never below the cap, never far above it. */
  g_assert_cmpuint (qd_memory_bus_get_stream_length (QD_MEMORY_BUS (bus), "s"), >=, 100);
  g_assert_cmpuint (qd_memory_bus_get_stream_length (QD_MEMORY_BUS (bus), "s"), <=, 110);

  qd_bus_watch (bus, "s", "0", collect_cb, &c, NULL);
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_cmpstr (g_ptr_array_index (c.seen, c.seen->len - 1), ==, "s|t|999");

  collector_clear (&c);
}

static void
test_batches_and_budget (void)
{
  g_autoptr(QdBus) bus = qd_memory_bus_new ();
  Collector c;
  guint i, iterations = 0;

  collector_init (&c);
  for (i = 0; i < 20000; i++)
    append (bus, "s", "t", "x");

  qd_bus_watch (bus, "s", "0", collect_cb, &c, NULL);
  while (g_main_context_iteration (NULL, FALSE))
    iterations++;

  g_assert_cmpuint (c.seen->len, ==, 20000);
  /* Delivered in batches, and over several main-loop turns rather than one long stall. */
  g_assert_cmpuint (c.batches, >=, 20);
  g_assert_cmpuint (iterations, >=, 2);

  collector_clear (&c);
}

static void
test_unwatch_in_callback (void)
{
  g_autoptr(QdBus) bus = qd_memory_bus_new ();
  Collector c;
  guint i;

  collector_init (&c);
  for (i = 0; i < 3000; i++)
    append (bus, "s", "t", "x");

  c.unwatch_after = 1;
  c.watch_id = qd_bus_watch (bus, "s", "0", collect_cb, &c, NULL);
  while (g_main_context_iteration (NULL, FALSE));

  /* The first batch arrives, then nothing more once unwatched. */
  g_assert_cmpuint (c.batches, ==, 1);
  append (bus, "s", "t", "y");
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_cmpuint (c.batches, ==, 1);

  collector_clear (&c);
}

static void
reply_cb (QdBus            *bus,
          const QdBusEntry *entries,
          guint             n_entries,
          gpointer          user_data)
{
  guint i;

  for (i = 0; i < n_entries; i++)
    {
      g_autofree char *reply = g_strdup_printf ("re:%s", entries[i].payload);
      append (bus, "replies", "r", reply);
    }
}

static void
test_append_from_callback (void)
{
  g_autoptr(QdBus) bus = qd_memory_bus_new ();
  Collector c;

  collector_init (&c);
  qd_bus_watch (bus, "commands", "$", reply_cb, NULL, NULL);
  qd_bus_watch (bus, "replies", "$", collect_cb, &c, NULL);

  append (bus, "commands", "c", "ping");
  while (g_main_context_iteration (NULL, FALSE));

  g_assert_cmpuint (c.seen->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (c.seen, 0), ==, "replies|r|re:ping");
  g_assert_cmpint (qd_bus_get_state (bus), ==, QD_BUS_STATE_CONNECTED);

  collector_clear (&c);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/memory-bus/history-and-new", test_history_and_new);
  g_test_add_func ("/memory-bus/prefix-pattern", test_prefix_pattern);
  g_test_add_func ("/memory-bus/ids-increase", test_ids_increase);
  g_test_add_func ("/memory-bus/from-explicit-id", test_from_explicit_id);
  g_test_add_func ("/memory-bus/maxlen-trims", test_maxlen_trims);
  g_test_add_func ("/memory-bus/batches-and-budget", test_batches_and_budget);
  g_test_add_func ("/memory-bus/unwatch-in-callback", test_unwatch_in_callback);
  g_test_add_func ("/memory-bus/append-from-callback", test_append_from_callback);

  return g_test_run ();
}
