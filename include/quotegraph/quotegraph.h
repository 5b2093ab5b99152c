/**
 * @file quotegraph.h
 * Umbrella header of libquotegraph: include this one.
 */
#ifndef QUOTEGRAPH_H
#define QUOTEGRAPH_H

#include <quotegraph/common.h>
#include <quotegraph/doc.h>
#include <quotegraph/model.h>
#include <quotegraph/analyze.h>
#include <quotegraph/graph.h>
#include <quotegraph/export.h>
#include <quotegraph/eval.h>
#include <quotegraph/corpus.h>
#include <quotegraph/report.h>

#endif
