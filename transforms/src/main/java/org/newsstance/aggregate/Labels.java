package org.newsstance.aggregate;

/** The label of a score: its sign, with a dead zone around zero. */
public final class Labels {
  private Labels() {}

  /** +1 above {@code deadZone}, -1 below {@code -deadZone}, else 0. */
  public static int label(double score, double deadZone) {
    if (score > deadZone) {
      return 1;
    }
    if (score < -deadZone) {
      return -1;
    }
    return 0;
  }
}
