<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>warmline::app::AlertsModel</name>
    <message numerus="yes">
        <source>%n time(s), sent to everyone</source>
        <translation>
            <numerusform>%n time, sent to everyone</numerusform>
            <numerusform>%n times, sent to everyone</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n time(s)</source>
        <translation>
            <numerusform>%n time</numerusform>
            <numerusform>%n times</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>warmline::app::CallerPanel</name>
    <message numerus="yes">
        <source>%n contacts since %1.</source>
        <translation>
            <numerusform>%n contact since %1.</numerusform>
            <numerusform>%n contacts since %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Today: %n contact(s)</source>
        <translation>
            <numerusform>Today: %n contact</numerusform>
            <numerusform>Today: %n contacts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>warmline::app::MainWindow</name>
    <message numerus="yes">
        <source>You hold %n contact(s). Where should they go?</source>
        <translation>
            <numerusform>You hold %n contact. Where should it go?</numerusform>
            <numerusform>You hold %n contacts. Where should they go?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Queue — %n waiting</source>
        <translation>
            <numerusform>Queue — %n waiting</numerusform>
            <numerusform>Queue — %n waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%1) Warmline — %n waiting</source>
        <translation>
            <numerusform>(%1) Warmline — %n waiting</numerusform>
            <numerusform>(%1) Warmline — %n waiting</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>warmline::app::PlanDialog</name>
    <message numerus="yes">
        <source>Sent to the texter (%n message(s)).</source>
        <translation>
            <numerusform>Sent to the texter (%n message).</numerusform>
            <numerusform>Sent to the texter (%n messages).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>warmline::app::ResourceDialog</name>
    <message numerus="yes">
        <source>%n found</source>
        <translation>
            <numerusform>%n found</numerusform>
            <numerusform>%n found</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>warmline::app::ReviewPane</name>
    <message numerus="yes">
        <source>%n escalation(s), every step as it was recorded:</source>
        <translation>
            <numerusform>%n escalation, every step as it was recorded:</numerusform>
            <numerusform>%n escalations, every step as it was recorded:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>warmline::app::ShiftBoard</name>
    <message numerus="yes">
        <source>%1&apos;s app did not come back; %n contact(s) went back to the queue.</source>
        <translation>
            <numerusform>%1&apos;s app did not come back; %n contact went back to the queue.</numerusform>
            <numerusform>%1&apos;s app did not come back; %n contacts went back to the queue.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>warmline::app::ShiftBoardWindow</name>
    <message numerus="yes">
        <source>No one is available, and someone at high risk is waiting (%n waiting).</source>
        <translation>
            <numerusform>No one is available, and someone at high risk is waiting (%n waiting).</numerusform>
            <numerusform>No one is available, and someone at high risk is waiting (%n waiting).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No one is available to take the %n waiting.</source>
        <translation>
            <numerusform>No one is available to take the %n waiting.</numerusform>
            <numerusform>No one is available to take the %n waiting.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>  — unacknowledged, repeated %n time(s)</source>
        <translation>
            <numerusform>  — unacknowledged, repeated %n time</numerusform>
            <numerusform>  — unacknowledged, repeated %n times</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Swit&amp;chboard (%n held for a lead)</source>
        <translation>
            <numerusform>Swit&amp;chboard (%n held for a lead)</numerusform>
            <numerusform>Swit&amp;chboard (%n held for a lead)</numerusform>
        </translation>
    </message>
</context>
</TS>
