package org.newsstance.nlp;

/** Realistic article texts for near-duplicate tests: a wire story and one on the same topic. */
public final class SampleStories {
  private SampleStories() {}

  public static final String STORY =
      "Defence ministers from the alliance met in Brussels on Tuesday to discuss a new plan for"
          + " sharing the cost of air defence along the eastern flank.\n\n"
          + "The proposal, drafted by the German and Polish delegations, would create a common fund"
          + " to which every member contributes according to the size of its economy.\n\n"
          + "Several smaller states said they welcomed the idea but warned that the formula must"
          + " take into account what they already spend on their own armed forces.\n\n"
          + "The secretary general said the talks had been constructive and that a decision was"
          + " expected before the summit in July, when leaders will meet in The Hague.\n\n"
          + "Officials cautioned that the fund would need approval from national parliaments,"
          + " several of which face elections next year and are wary of new spending commitments.\n\n"
          + "A spokesperson for the French ministry said Paris supported the principle but wanted"
          + " more detail on how contracts would be awarded to European manufacturers.";

  public static final String SAME_TOPIC =
      "Alliance defence ministers gathered in Brussels this week, where the question of who pays"
          + " for air defence in the east dominated the agenda.\n\n"
          + "Critics argue that a common fund would reward countries that have underinvested for"
          + " years, while supporters say only pooled money can buy systems quickly enough.\n\n"
          + "Poland, which spends more than four percent of its output on the military, has"
          + " pushed hardest for the plan, diplomats said.\n\n"
          + "No agreement is expected before the July summit in The Hague, and several capitals"
          + " have asked for a detailed costing first.";

  /** The story without its last paragraph, as a paper that cut it for space. */
  public static String trimmed() {
    return STORY.substring(0, STORY.lastIndexOf("\n\n"));
  }

  /** The story with a handful of words changed, as a sub-editor would. */
  public static String edited() {
    return STORY
        .replace("Tuesday", "Wednesday")
        .replace("constructive", "useful")
        .replace("smaller states", "small countries")
        .replace("wary", "afraid");
  }
}
