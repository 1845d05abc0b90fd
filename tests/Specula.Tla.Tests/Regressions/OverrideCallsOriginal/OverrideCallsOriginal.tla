---- MODULE OverrideCallsOriginal ----
\* Specula: the cfg override Guard <- MCGuard is also applied inside B == INSTANCE OverrideCallsOriginalBase,
\* so MCGuard's call of the original B!Guard recurses forever (stack overflow crash); TLC leaves B!Guard alone
EXTENDS OverrideCallsOriginalBase
VARIABLE x
MCGuard(n) == LET B == INSTANCE OverrideCallsOriginalBase IN B!Guard(n) \/ n = 2
Init == x = 0
Next == Guard(x) /\ x' = x + 1
====
