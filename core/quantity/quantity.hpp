#pragma once
// sdi::quantity: the quantity engine. Parses quantities written in free text the way
// system-design answers write numbers, does unit algebra, converts and formats for humans.
// It knows nothing of the rest of sdi (see DESIGN.md: quantity is a reusable library).
//
//   unit.hpp    Unit: exponents of bytes and seconds, soft counted-noun tags
//   value.hpp   Quantity, arithmetic, ratio / log_distance      (conventions are listed there)
//   parse.hpp   parse, evaluate, convert, parse_unit, render_error, Expect, Result
//   format.hpp  format
//   scan.hpp    scan: every quantity mentioned in a paragraph
//
// Conventions: 1 day = 86,400 s; 1 month = 30 days; 1 year = 365 days; K = 1,000 (KB = 1,000 B;
// KiB = 1,024 B); bits are 1/8 byte.

#include "quantity/format.hpp"
#include "quantity/parse.hpp"
#include "quantity/scan.hpp"
#include "quantity/unit.hpp"
#include "quantity/value.hpp"
