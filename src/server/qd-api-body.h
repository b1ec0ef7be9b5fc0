/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "qd-decimal.h"

G_BEGIN_DECLS

/* Field-level problems of a request body, answered as a 400. */
typedef struct
{
  GPtrArray *errors;   /* QdFieldError */
} QdFieldErrors;

typedef struct
{
  char *field;
  char *rule;
  char *severity;
  char *message;
} QdFieldError;

void        qd_field_errors_init    (QdFieldErrors      *errors);
void        qd_field_errors_clear   (QdFieldErrors      *errors);
void        qd_field_errors_add     (QdFieldErrors      *errors,
                                     const char         *field,
                                     const char         *rule,
                                     const char         *severity,
                                     const char         *message);
/* {"detail": detail, "errors": [{"field","rule","severity","message"}], <extra>} */
GBytes     *qd_field_errors_to_json (QdFieldErrors      *errors,
                                     const char         *detail,
                                     const char * const *confirm_required);

/* The request body as a JSON object, checked for depth before json-glib sees it. */
JsonObject *qd_api_parse_body       (SoupServerMessage  *msg,
                                     gboolean            required,
                                     GError            **error);
/* A number or a decimal string; absent and null give none. FALSE (and an error entry) for
 * anything else. */
gboolean    qd_api_read_decimal     (JsonObject         *object,
                                     const char         *field,
                                     QdDecimal          *out,
                                     QdFieldErrors      *errors);
/* A string member; NULL when absent or null (an error entry when of another type). */
const char *qd_api_read_string      (JsonObject         *object,
                                     const char         *field,
                                     QdFieldErrors      *errors);

G_END_DECLS
