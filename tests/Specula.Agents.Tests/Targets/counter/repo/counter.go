package counter

// Counter counts up to max on each node, then must be reset.
type Counter struct{ n, max int }

// Inc counts one more, up to the maximum.
func (c *Counter) Inc() {
	if c.n < c.max {
		c.n++
	}
	trace("Inc", c.n)
}

// Reset starts over once the maximum is reached.
func (c *Counter) Reset() {
	if c.n == c.max {
		c.n = 0
	}
	trace("Reset", c.n)
}
