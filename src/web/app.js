/* Quarterdeck web page. */
"use strict";
