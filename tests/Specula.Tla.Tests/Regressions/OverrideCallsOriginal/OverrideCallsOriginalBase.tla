---- MODULE OverrideCallsOriginalBase ----
EXTENDS Naturals
Guard(n) == n < 2
====
