package vn.backancity.bot.load;

/**
 * One fixed request mix: the n-th request of a run (n counts from 0 over all connections, warm-up
 * included), and what its answer was, for scenarios that check afterwards what was acknowledged.
 */
interface Scenario {
  String name();

  byte[] request(long n);

  /** Called with every answer (status; -1 when no answer came). */
  default void answered(long n, int status) {}
}
