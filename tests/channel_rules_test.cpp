// Tests for campaign data → channel through the GA4 default channel grouping
// shipped in src/ga4_channels.json: one hand-picked source/medium (or campaign)
// per rule, chosen by reading GA4's published definitions for that group, plus the
// places where the order of the rules decides. And the rules file reader's errors.
#include "doorway/channel_rules.hpp"

#include <gtest/gtest.h>

#include <string>

#include "doorway/default_model.hpp"
#include "doorway/model.hpp"

namespace doorway {
namespace {

std::string channel(std::string_view source, std::string_view medium, std::string_view campaign = {}) {
  return std::string(default_channel_rules()->channel_for(CampaignView{source, medium, campaign}));
}

TEST(Ga4Channels, EachGroupFromAHandPickedSourceAndMedium) {
  EXPECT_EQ(channel("(direct)", "(none)"), "direct");
  EXPECT_EQ(channel("(direct)", ""), "direct");  // an absent medium reads "(not set)"
  EXPECT_EQ(channel("google", "cpc", "summer cross-network push"), "cross_network");
  EXPECT_EQ(channel("amazon", "cpc"), "paid_shopping");
  EXPECT_EQ(channel("partner", "paid", "eshop-sale"), "paid_shopping");
  EXPECT_EQ(channel("google", "cpc"), "paid_search");
  EXPECT_EQ(channel("www.bing.com", "ppc"), "paid_search");
  EXPECT_EQ(channel("l.facebook.com", "paid_social"), "paid_social");
  EXPECT_EQ(channel("youtube", "cpv"), "paid_video");
  EXPECT_EQ(channel("news-site", "banner"), "display");
  EXPECT_EQ(channel("partner", "ppc"), "paid_other");
  EXPECT_EQ(channel("etsy", "referral"), "organic_shopping");
  EXPECT_EQ(channel("partner", "referral", "shop-week"), "organic_shopping");
  EXPECT_EQ(channel("linkedin", "referral"), "organic_social");
  EXPECT_EQ(channel("partner", "social-media"), "organic_social");
  EXPECT_EQ(channel("vimeo", "(none)"), "video");
  EXPECT_EQ(channel("partner", "video-embed"), "video");
  EXPECT_EQ(channel("duckduckgo", "referral"), "organic_search");
  EXPECT_EQ(channel("partner", "organic"), "organic_search");
  EXPECT_EQ(channel("blog.example.com", "referral"), "referral");
  EXPECT_EQ(channel("newsletter", "email"), "email");
  EXPECT_EQ(channel("e-mail", "(none)"), "email");
  EXPECT_EQ(channel("partner", "affiliate"), "affiliates");
  EXPECT_EQ(channel("podcast", "audio"), "audio");
  EXPECT_EQ(channel("sms", "(none)"), "sms");
  EXPECT_EQ(channel("app", "web-push"), "mobile_push");
  EXPECT_EQ(channel("firebase", "(none)"), "mobile_push");
}

TEST(Ga4Channels, UnassignedAndEmptyGiveNoChannel) {
  EXPECT_EQ(channel("partner", "(none)"), "");
  EXPECT_EQ(channel("", ""), "");
  EXPECT_EQ(default_channel_rules()->match(CampaignView{}), nullptr);
}

TEST(Ga4Channels, ComparisonIgnoresCase) {
  EXPECT_EQ(channel("Google", "CPC"), "paid_search");
  EXPECT_EQ(channel("NewsLetter", "Email"), "email");
}

TEST(Ga4Channels, SitesMatchWholeLabelsOrDottedSuffixes) {
  EXPECT_EQ(channel("www.google.co.uk", "organic"), "organic_search");
  EXPECT_EQ(channel("googlemail.com", "referral"), "referral");  // "google" is not a label here
  EXPECT_EQ(channel("m.t.co", "referral"), "organic_social");     // "t.co" as a dotted suffix
  EXPECT_EQ(channel("at.co", "referral"), "referral");
}

TEST(Ga4Channels, OrderDecides) {
  // "cpm" is both paid and a display medium: Display comes before Paid Other.
  EXPECT_EQ(channel("partner", "cpm"), "display");
  // A search site with a paid medium is Paid Search, not Organic Search.
  EXPECT_EQ(channel("bing", "cpc"), "paid_search");
  EXPECT_EQ(channel("bing", "referral"), "organic_search");
}

TEST(Ga4Channels, EveryChannelIsInTheDefaultCatalog) {
  const Catalog& cat = default_model()->catalog();
  for (const ChannelRule& r : default_channel_rules()->rules()) {
    EXPECT_TRUE(cat.find_channel(r.channel).has_value()) << r.channel;
    EXPECT_FALSE(r.group.empty()) << r.channel;
  }
  EXPECT_EQ(default_channel_rules()->rules().size(), 18u);  // GA4's groups, Unassigned aside
}

TEST(ChannelRulesFile, AnEditedFileReplacesTheRules) {
  const auto rules = load_channel_rules_json(R"({
  "format": "doorway.channel_rules", "version": 1,
  "sites": {"partners": ["acme.com"]},
  "rules": [
    {"channel": "referral", "all": [{"field": "source", "site": "partners"}]},
    {"channel": "email", "all": [{"field": "medium", "starts_with": ["mail"]}]}
  ]
})",
                                             "mine.json");
  ASSERT_TRUE(rules.ok()) << rules.status();
  EXPECT_EQ(rules->channel_for({"shop.acme.com", "cpc", ""}), "referral");
  EXPECT_EQ(rules->channel_for({"x", "Mailing", ""}), "email");
  EXPECT_EQ(rules->channel_for({"google", "cpc", ""}), "");
}

TEST(ChannelRulesFile, ProblemsAreLocatedWithSuggestions) {
  // Line 3, column 38 is the opening quote of "medum" (counted by hand).
  const auto rules = load_channel_rules_json(R"({"format": "doorway.channel_rules", "version": 1,
"rules": [
  {"channel": "x", "all": [{"field": "medum", "is": ["a"]}]},
  {"channel": "y", "all": [{"field": "source", "site": "serch"}]}
]})",
                                             "r.json");
  ASSERT_FALSE(rules.ok());
  const std::string msg(rules.status().message());
  EXPECT_NE(msg.find("r.json:3:38: rules[0].all[0].field: unknown field \"medum\" (did you mean \"medium\"?)"),
            std::string::npos)
      << msg;
  EXPECT_NE(msg.find("rules[1].all[0].site: unknown site list \"serch\""), std::string::npos) << msg;
}

}  // namespace
}  // namespace doorway
