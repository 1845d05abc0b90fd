---- MODULE LazyFunctionArgument ----
\* A state-level function definition passed as an argument is applied point by point (TLC's FcnLambdaValue):
\* only the images asked for are computed. Here g[x] divides by zero, and only g[3] is ever applied, so TLC
\* finds no error; building all of g first fails in every state.
EXTENDS Naturals
VARIABLE x
g[n \in 0..3] == 12 \div (n - x)
Apply(f, n) == f[n]
Init == x = 0
Next == x' = (x + 1) % 3
Inv == Apply(g, 3) = 12 \div (3 - x)
====
