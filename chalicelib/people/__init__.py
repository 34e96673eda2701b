"""People: profiles (a person's name, joined date and counts, made the first time the API meets
them, and the display name and bio they choose), finding people by name, and follows (who
follows whom, both ways, with the counts moved in the same transaction).

    profiles       ensuring a profile exists, and reading one as a viewer sees it
    profile_store  DynamoDB access for profiles and the username claims that map names to ids
    profile_edits  changing one's display name and bio (PATCH /me/profile)
    name_store     DynamoDB access for name items, which search finds people by
    search         people whose username or display name starts with what was typed
    follows        following, unfollowing, and pages of followers and following
    follow_store   DynamoDB access for follow edges and the counts they move
    presenter      profiles, people and follow states as the API's JSON

People import `shared` and their own modules only. What a follow does to home feeds happens
afterwards, from the table's stream (feeds.fanout).
"""
