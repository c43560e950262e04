<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name>QObject</name>
    <message>
        <source>Contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Abandon rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>target ≤ %1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service level (answered within %1 s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>target ≥ %1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer time (median / 90 %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handle time (median / 90 %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usual %1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (in %2 contacts)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat callers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 callers, %3 of contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 report, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period: %1 (UTC%2%3 min). Printed %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Figures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — missed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warmline::app::AdminController</name>
    <message>
        <source>Account %1 added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1&apos;s role changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1&apos;s capacity changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1&apos;s languages changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 disabled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 enabled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 follows the config file again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warmline::app::AdminWindow</name>
    <message>
        <source>Warmline — Administration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administration sections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selected account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Texts held at once; a call takes the whole capacity.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Capacity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Languages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. English, Spanish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Languages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;pply changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply account changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Disable account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disable or enable the account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add account…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Values set here override the gateway&apos;s config file until they are reset. Double-click a value to change it, then save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reset selected to the config file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset the selected setting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>D&amp;iscard changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages from Warmline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Enable account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add an account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password (10+ characters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password &amp;again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warmline::app::AlertsModel</name>
    <message>
        <source>%1 ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not repeated</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n time(s), sent to everyone</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n time(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeated</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warmline::app::AuditLogModel</name>
    <message>
        <source>Opened a contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened a caller&apos;s details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revealed a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review mark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commented</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-up flag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed a line setting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed an account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retention purge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(the gateway)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detail</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warmline::app::Board</name>
    <message>
        <source>Escalation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting too long</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Over time limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Presence stuck</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No one available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Info</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imminent risk</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warmline::app::BoardOperatorsModel</name>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in, not taking contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lost – contacts return in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lost – returning contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Presence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Holding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts (channel, time, risk)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>App</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warmline::app::CallBar</name>
    <message>
        <source>Call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Mute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mute my microphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put the caller on hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hang &amp;up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hang up and start wrap-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On hold: the caller hears hold music</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On your desk phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ringing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2 over the time limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warmline::app::CallerHistoryModel</name>
    <message>
        <source>%1
Topics: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Helped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warmline::app::CallerPanel</name>
    <message>
        <source>Caller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No contact open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caller alias</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caller summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caller details are not available from this gateway yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caller details not available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preferred name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pronouns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preferred &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pron&amp;ouns:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save caller details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the caller&apos;s details (Ctrl+Shift+S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caller flags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caller limits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time left in this contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Earlier contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes about this caller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a note for the next operator…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New caller note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept a contact from the queue, or pick one of yours.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading caller details…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First contact with the line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n contacts since %1.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>until %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no expiry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, set by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today: %1 of %2 contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Today: %n contact(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 minutes per contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preferred times: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No notes yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time left: %1:%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Over the agreed time by %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warmline::app::CommentListModel</name>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warmline::app::ConversationModel</name>
    <message>
        <source>Line (automatic)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent yet — kept on this computer, will send when back online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 at %2: %3. %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warmline::app::ConversationPanel</name>
    <message>
        <source>Conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No conversation open.

Accept the next contact (Ctrl+N) or choose one of yours on the left.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No conversation open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a reply… (Ctrl+Enter sends)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quick replies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert a prepared reply (Ctrl+/)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the reply (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 · since %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This line has no quick replies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quick replies not available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quick replies are not available from this gateway yet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warmline::app::EscalationModel</name>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; signals: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Risk engine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalation opened (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no outcome recorded</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warmline::app::EscalationPanel</name>
    <message>
        <source>Escalation form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Safety plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What did you agree? (warning signs, coping steps, people to contact, making the place safe, crisis numbers)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Safety plan agreed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record the plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Emergency (911)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1. Keep the person talking; do not leave the conversation.
2. Ask where they are right now, and who is with them.
3. Tell your shift lead; they or you call 911 from the line&apos;s phone.
4. Give 911 the location and what is happening. Stay until help arrives.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Emergency steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Location / address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cross streets, landmarks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who is with them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What is happening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close escalation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required when nothing was done: why not?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Crisis escalation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalation level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What raised it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask directly, in your own words, and record each answer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Screener questions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Are you in danger right now? (has taken something, has the means in hand, or someone else is in danger)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1. In the past month, have you wished you were dead, or wished you could go to sleep and not wake up?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2. In the past month, have you had any thoughts of killing yourself?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>3. Have you been thinking about how you might do this?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>4. Have you had these thoughts and had some intention of acting on them?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>5. Have you started to work out, or worked out, the details of how to kill yourself? Do you intend to carry out this plan?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>6. Have you ever done anything, started to do anything, or prepared to do anything to end your life?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>    If yes: was it in the past three months?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the answers given so far</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recommended action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Safety plan…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record the safety plan you agreed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warm transfer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect the person with a crisis line; you stay with them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>They reached the line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The texter confirmed the crisis line has them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Emergency (911)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Immediate danger: the emergency steps and the person&apos;s location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close escalation…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record the outcome and close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave the call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The crisis counsellor has the caller: hang up your side only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warm transfer: what will happen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the transfer does</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the warm transfer as described</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not start the transfer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalation problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalation steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This text goes to %1 now, then you stay with them until they reach %2:
“%3”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The line calls %1 and joins them to this call; you stay on until their counsellor has %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — stay with them and follow the steps below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — check in directly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened by hand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened by hand: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What raised it: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answers call for: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answers recorded yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — takes calls only, not texts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — takes texts only, not calls</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warmline::app::FeedbackDialog</name>
    <message>
        <source>Feedback from supervisors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feedback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comments supervisors left on contacts you handled. Unread ones are in bold.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on %2 (%3):
%4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warmline::app::LeadNoticeBar</name>
    <message>
        <source>Message from the shift lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 to everyone on shift, %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 to you, %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 gave you %2; it is in My contacts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ Unacknowledged alert for everyone on shift: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warmline::app::LineSettingsModel</name>
    <message>
        <source>Opening hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts per caller per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minutes per contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target: answer within (seconds)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target: answered on time (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target: abandoned at most (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target: handle time (minutes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep messages and notes (days, 0 = forever)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(always open)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed, not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set by %1, %2 (file: %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Config file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comes from</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warmline::app::LinkConnection</name>
    <message>
        <source>The gateway address must look like ws://host:port/link.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name or password is not right. Check both and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many sign-in attempts. Wait a minute, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many sign-in attempts. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your session has ended. Please sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gateway could not save that just now; nothing changed. Please try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong in the gateway (it has been logged). Please try again, or tell your shift lead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gateway did not answer in time. Please try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are not connected to the gateway right now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This version of Warmline does not match the gateway. Ask your administrator to update it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This gateway does not offer that yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your role or presence does not allow that right now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone else got there first, or the contact has moved on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are holding as many contacts as you can take.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That contact is no longer there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gateway refused the request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach the gateway at %1. Check the address and your network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secure connection to the gateway failed. Ask your administrator to check its certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gateway closed the connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection to the gateway failed (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gateway&apos;s certificate could not be trusted (%1). Do not continue; ask your administrator.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warmline::app::LoginDialog</name>
    <message>
        <source>Sign in to Warmline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warmline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peer support warmline — sign in to start your shift.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gateway address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Gateway:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the gateway&apos;s address, for example ws://gateway.local:8080/link.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your name and password.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warmline::app::MainWindow</name>
    <message>
        <source>Warmline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caller and crisis steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caller details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Crisis steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages from Warmline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warmline · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shift header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Presence:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Presence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On break</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Busy (at capacity)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrap-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time in presence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept &amp;next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Wrap up…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Release to queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Escalate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;try failed text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set &amp;available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take a &amp;break</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go &amp;offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign o&amp;ut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quick replies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shift &amp;board</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;My contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reply box</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Caller details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>open crisis escalation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in wrap-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>• %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>• %1 (%2, %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close Warmline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>You hold %n contact(s). Where should they go?</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Handed to the shift lead, a text stays with them: conversation, notes and any escalation. Calls always go back to the queue. With no lead on shift, everything goes back to the queue, at its risk level. A contact in wrap-up stays yours to finish unless the lead takes it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hand texts to the shift lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return to the queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep working</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Release %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has an open crisis escalation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Releasing returns them to the queue, ahead of anyone at a lower risk, with the escalation still open: the next operator sees its steps, and the shift lead&apos;s alert stays until someone acts. The conversation and your notes stay on the contact.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Release to queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ Crisis steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Queue — %n waiting</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%1) Warmline — %n waiting</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Warmline — queue empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection lost — retrying in %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in as %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>00 h 00 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loneliness</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anxiety</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Depression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sleep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relationships</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Substance use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Housing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grief</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>988 Suicide &amp; Crisis Lifeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Crisis Text Line (text HOME to 741741)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local mobile crisis team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peer support group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Primary care / GP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone is waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 joined the queue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imminent risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Risk raised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2. Open the contact and follow the steps.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>escalation opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a contact to escalate it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This contact already has an open escalation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What you noticed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warmline::app::MessageDelegate</name>
    <message>
        <source>%1 — press Ctrl+R to retry</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warmline::app::MyContactsModel</name>
    <message>
        <source>No risk signs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latest words</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warmline::app::OperatorAdminModel</name>
    <message>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shift lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Languages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warmline::app::QueueModel</name>
    <message>
        <source>No risk signs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting since %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latest words</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warmline::app::Records</name>
    <message>
        <source>No risk signs in the texts so far.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: raised by hand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — raised by:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Concern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imminent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrap-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left the queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Busy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On break</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maybe sent — check with the caller before resending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep supporting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Safety plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warm transfer to a crisis line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Emergency (911)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>raised %1 from a %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rose to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>opened by hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>opened by hand: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>saw the prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recorded the screener; it calls for: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>agreed a safety plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>started a warm transfer to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>left the call; the crisis line has the caller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(the transfer failed: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recorded that the texter reached the crisis line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recorded that the texter left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>followed the emergency (911) steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(shift lead) acknowledged the alert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed it: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In danger right now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wished to be dead (past month)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thoughts of killing themselves (past month)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thought about how</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some intention of acting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worked out the details, intends to act</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ever prepared or acted to end their life</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That in the past three months</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answers call for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who is with them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cross streets or landmarks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What is happening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Crisis line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not asked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warmline::app::ReportsWindow</name>
    <message>
        <source>Warmline — Reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F&amp;rom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Figures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts by day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts by hour of arrival</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topics (top 10)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalations by outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages from Warmline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the report as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the report as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Abandoned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unanswered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hour of the day (the line&apos;s time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Texts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalations by outcome (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show a report first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warmline::app::ReviewController</name>
    <message>
        <source>Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marked reviewed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review mark removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment sent to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-up saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warmline::app::ReviewListModel</name>
    <message>
        <source>(left the queue)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reviewed · follow up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reviewed by %1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warmline::app::ReviewPane</name>
    <message>
        <source>Review pane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact under review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a contact on the left to review it.

Opening a contact is recorded in the audit log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No contact open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrap-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Wrap-up and notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalation summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalation steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Escalation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;omments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Mark reviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark reviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Follow up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flag for follow-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to follow up (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-up note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sa&amp;ve flag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save follow-up flag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reveal &amp;number…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reveal the caller&apos;s number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shows the caller&apos;s phone number. You must give a reason; the reveal is recorded in the audit log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why do you need this caller&apos;s number? The reason is recorded in the audit log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caller&apos;s number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment for the operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A comment for the operator who handled this contact…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send &amp;comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>with %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>escalated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reviewed by %1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not yet reviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Un&amp;mark reviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unmark reviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answered by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time with the caller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Content</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed by the retention rule on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Helped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Referrals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Risk signals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrap-up note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes about the caller written here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No escalation was recorded for this contact.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n escalation(s), every step as it was recorded:</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>No comments yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · read by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No operator handled this contact.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warmline::app::ReviewWindow</name>
    <message>
        <source>Warmline — Review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Texts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Risk level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Concern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imminent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not escalated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Not yet reviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not yet reviewed only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flagged for &amp;follow-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flagged for follow-up only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Words in notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F&amp;rom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>O&amp;perator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;hannel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top&amp;ic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ris&amp;k</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Escalation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes &amp;contain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review sections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts to review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Load more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load more contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audit log cannot be edited by anyone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load &amp;older entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load older audit entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages from Warmline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No contacts match.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 contacts shown</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warmline::app::SegmentCounter</name>
    <message>
        <source>1 text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 texts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 characters left%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · special characters use more room</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warmline::app::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show a &amp;notification when someone joins the queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notifications for new contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play a &amp;sound when someone joins the queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sound for new contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Text size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Microphone for calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speaker or headset for calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Microphone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spea&amp;ker:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play and record &amp;files instead of a sound card (testing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Softphone plays and records files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audio changes apply the next time you sign in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language of the app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The language changes the next time you start Warmline.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warmline::app::ShiftBoard</name>
    <message>
        <source>The shift board could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An alert arrived that this app cannot read; refreshing the board.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1&apos;s app did not come back; %n contact(s) went back to the queue.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Contact given to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact taken back to the queue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is on break.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message sent to everyone on shift.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After-hours mode is on: new texters get the after-hours reply.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After-hours mode is off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alert acknowledged.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warmline::app::ShiftBoardWindow</name>
    <message>
        <source>Warmline — Shift board</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shift board</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest wait</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Abandoned this shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;fter-hours mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>While on, new texters get the after-hours reply with crisis resources.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No one available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalation alert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Acknowledge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue with waiting times and risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operators on shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;ssign…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the selected waiting contact to an operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Take back…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return one of the selected operator&apos;s contacts to the queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put on &amp;break</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ac&amp;knowledge alert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message to operators…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message to operators</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send to &amp;selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send to a&amp;ll</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Board messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting %1  (texts %2 · calls %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest wait %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>–</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service level %1% within %2 (%3 of %4; target %5%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service level – (none answered yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts answered within %1, of those answered or abandoned since %2. The reports count the same way against the same target (line settings: targets.answer_seconds, targets.answered_on_time_percent).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Abandoned %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(%1) Warmline — Shift board</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>No one is available, and someone at high risk is waiting (%n waiting).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No one is available to take the %n waiting.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Take one yourself, bring someone back from a break, or assign over capacity.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>  — unacknowledged, repeated %n time(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Assign to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2, holding %3 of %4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody is on shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Take back to the queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Message…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warmline::app::ShiftSession</name>
    <message>
        <source>You are now with %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not keep the reply on this computer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are offline. The reply will be sent when the connection is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A reply was not sent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The contact is back in the queue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No contact is open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact closed and note saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caller details saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note added to the caller.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalation opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The crisis line&apos;s text was sent. Stay with the texter until they confirm they reached it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You left the call; the crisis line has the caller. Wrap up when you are ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalation closed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warmline::app::Softphone</name>
    <message>
        <source>The softphone could not start: %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warmline::app::ViewMenu</name>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Review…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;ports…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Administration…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supervisor &amp;feedback…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 left feedback on your contact with %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feedback (%1 new)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feedback</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warmline::app::WrapUpDialog</name>
    <message>
        <source>Wrap up — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrap up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write what happened and what was agreed. The note is kept for the line; it is needed before the contact can close.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrap-up note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What did you talk about? How did it end?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Note (required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Topics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Referrals given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Referrals given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Referred</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalated to crisis support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inappropriate use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Did it help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Somewhat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Outcome (required):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Did it &amp;help? (required):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrap-up problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the contact and save the note (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closing…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
