<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>pme::cli::AuditCommands</name>
    <message numerus="yes">
        <source>Checked %n audit entries: the chain is intact.</source>
        <translation>
            <numerusform>Checked %n audit entry: the chain is intact.</numerusform>
            <numerusform>Checked %n audit entries: the chain is intact.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Checked %n audit entries: the chain is BROKEN.</source>
        <translation>
            <numerusform>Checked %n audit entry: the chain is BROKEN.</numerusform>
            <numerusform>Checked %n audit entries: the chain is BROKEN.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pme::cli::DemoCommands</name>
    <message numerus="yes">
        <source>%n learner(s)</source>
        <translation>
            <numerusform>%n learner</numerusform>
            <numerusform>%n learners</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n observation(s)</source>
        <translation>
            <numerusform>%n observation</numerusform>
            <numerusform>%n observations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n CCC rating(s)</source>
        <translation>
            <numerusform>%n CCC rating</numerusform>
            <numerusform>%n CCC ratings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n exam score(s)</source>
        <translation>
            <numerusform>%n exam score</numerusform>
            <numerusform>%n exam scores</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n outcome(s)</source>
        <translation>
            <numerusform>%n outcome</numerusform>
            <numerusform>%n outcomes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>ground truth, for tests only (%n assessor(s))</source>
        <translation>
            <numerusform>ground truth, for tests only (%n assessor)</numerusform>
            <numerusform>ground truth, for tests only (%n assessors)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pme::cli::StoreCommands</name>
    <message numerus="yes">
        <source>Added the %n built-in framework(s).</source>
        <translation>
            <numerusform>Added the %n built-in framework.</numerusform>
            <numerusform>Added the %n built-in frameworks.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n competencies</source>
        <translation>
            <numerusform>%n competency</numerusform>
            <numerusform>%n competencies</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pme::core::AccountRules</name>
    <message numerus="yes">
        <source>A password needs at least %n characters.</source>
        <translation>
            <numerusform>A password needs at least %n character.</numerusform>
            <numerusform>A password needs at least %n characters.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pme::core::Authenticator</name>
    <message numerus="yes">
        <source>Too many failed sign-ins: this account is locked. Try again in %n minute(s).</source>
        <translation>
            <numerusform>Too many failed sign-ins: this account is locked. Try again in %n minute.</numerusform>
            <numerusform>Too many failed sign-ins: this account is locked. Try again in %n minutes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Too many failed sign-ins: this account is locked. Try again in %n second(s).</source>
        <translation>
            <numerusform>Too many failed sign-ins: this account is locked. Try again in %n second.</numerusform>
            <numerusform>Too many failed sign-ins: this account is locked. Try again in %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pme::ui::AuditView</name>
    <message numerus="yes">
        <source>The newest %n entries that match.</source>
        <translation>
            <numerusform>The newest %n entry that matches.</numerusform>
            <numerusform>The newest %n entries that match.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entries match.</source>
        <translation>
            <numerusform>%n entry matches.</numerusform>
            <numerusform>%n entries match.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;p&gt;&lt;span style=&apos;color:#006400&apos;&gt;&lt;b&gt;&amp;#x2714; Intact.&lt;/b&gt;&lt;/span&gt; %n entries checked: nothing was changed or removed.&lt;/p&gt;</source>
        <translation>
            <numerusform>&lt;p&gt;&lt;span style=&apos;color:#006400&apos;&gt;&lt;b&gt;&amp;#x2714; Intact.&lt;/b&gt;&lt;/span&gt; %n entry checked: nothing was changed or removed.&lt;/p&gt;</numerusform>
            <numerusform>&lt;p&gt;&lt;span style=&apos;color:#006400&apos;&gt;&lt;b&gt;&amp;#x2714; Intact.&lt;/b&gt;&lt;/span&gt; %n entries checked: nothing was changed or removed.&lt;/p&gt;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more.</source>
        <translation>
            <numerusform>… and %n more.</numerusform>
            <numerusform>… and %n more.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;p&gt;&lt;span style=&apos;color:#a00000&apos;&gt;&lt;b&gt;&amp;#x2718; Broken.&lt;/b&gt;&lt;/span&gt; %n problem(s) in the audit chain:&lt;/p&gt;</source>
        <translation>
            <numerusform>&lt;p&gt;&lt;span style=&apos;color:#a00000&apos;&gt;&lt;b&gt;&amp;#x2718; Broken.&lt;/b&gt;&lt;/span&gt; %n problem in the audit chain:&lt;/p&gt;</numerusform>
            <numerusform>&lt;p&gt;&lt;span style=&apos;color:#a00000&apos;&gt;&lt;b&gt;&amp;#x2718; Broken.&lt;/b&gt;&lt;/span&gt; %n problems in the audit chain:&lt;/p&gt;</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pme::ui::FirstAdministratorDialog</name>
    <message numerus="yes">
        <source>User names: 2 to 64 letters, digits, &apos;.&apos;, &apos;_&apos;, &apos;-&apos; or &apos;@&apos;. Passwords: at least %n characters, and not the user name.</source>
        <translation>
            <numerusform>User names: 2 to 64 letters, digits, &apos;.&apos;, &apos;_&apos;, &apos;-&apos; or &apos;@&apos;. Passwords: at least %n character, and not the user name.</numerusform>
            <numerusform>User names: 2 to 64 letters, digits, &apos;.&apos;, &apos;_&apos;, &apos;-&apos; or &apos;@&apos;. Passwords: at least %n characters, and not the user name.</numerusform>
        </translation>
    </message>
</context>
</TS>
