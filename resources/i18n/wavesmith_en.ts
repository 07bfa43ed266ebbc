<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>ClassAdvice</name>
    <message numerus="yes">
        <source>%n class(es) have fewer than {least} clips ({names}): add examples, or merge or exclude them; a model learns little from so few</source>
        <translation>
            <numerusform>%Ln class has fewer than {least} clips ({names}): add examples, or merge or exclude it; a model learns little from so few</numerusform>
            <numerusform>%Ln classes have fewer than {least} clips ({names}): add examples, or merge or exclude them; a model learns little from so few</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n class(es) have no training clip ({names})</source>
        <translation>
            <numerusform>%Ln class has no training clip ({names})</numerusform>
            <numerusform>%Ln classes have no training clip ({names})</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n class(es) have no validation recording ({names}): their accuracy cannot be measured; a class needs 4 source recordings for one</source>
        <translation>
            <numerusform>%Ln class has no validation recording ({names}): its accuracy cannot be measured; a class needs 4 source recordings for one</numerusform>
            <numerusform>%Ln classes have no validation recording ({names}): their accuracy cannot be measured; a class needs 4 source recordings for one</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s) have no class: the classify task leaves them out</source>
        <translation>
            <numerusform>%Ln clip has no class: the classify task leaves it out</numerusform>
            <numerusform>%Ln clips have no class: the classify task leaves them out</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ClassPanel</name>
    <message numerus="yes">
        <source>%n class(es)</source>
        <translation>
            <numerusform>%Ln class</numerusform>
            <numerusform>%Ln classes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s)</source>
        <translation>
            <numerusform>%Ln clip</numerusform>
            <numerusform>%Ln clips</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n excluded</source>
        <translation>
            <numerusform>%Ln excluded</numerusform>
            <numerusform>%Ln excluded</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ClassStatsView</name>
    <message numerus="yes">
        <source> (%n excluded)</source>
        <translation>
            <numerusform> (%Ln excluded)</numerusform>
            <numerusform> (%Ln excluded)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ClassifyView</name>
    <message numerus="yes">
        <source>%n file(s) classified</source>
        <translation>
            <numerusform>%Ln file classified</numerusform>
            <numerusform>%Ln files classified</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Classifying %n file(s)…</source>
        <translation>
            <numerusform>Classifying %Ln file…</numerusform>
            <numerusform>Classifying %Ln files…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n row(s) to {path}</source>
        <translation>
            <numerusform>Wrote %Ln row to {path}</numerusform>
            <numerusform>Wrote %Ln rows to {path}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DatasetAdvice</name>
    <message numerus="yes">
        <source>%n clip(s) are shorter than {seconds:g} s and add little</source>
        <translation>
            <numerusform>%Ln clip is shorter than {seconds:g} s and adds little</numerusform>
            <numerusform>%Ln clips are shorter than {seconds:g} s and add little</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) clip: re-record quieter or exclude the clipped parts</source>
        <translation>
            <numerusform>%Ln file clips: re-record it quieter or exclude the clipped parts</numerusform>
            <numerusform>%Ln files clip: re-record them quieter or exclude the clipped parts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n input file(s)</source>
        <translation>
            <numerusform>%Ln input file</numerusform>
            <numerusform>%Ln input files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n source file(s) are missing or changed since import</source>
        <translation>
            <numerusform>%Ln source file is missing or changed since import</numerusform>
            <numerusform>%Ln source files are missing or changed since import</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n speech file(s) were recorded below the training rate: the model learns an empty top band from them; train at their rate or record at a higher one</source>
        <translation>
            <numerusform>%Ln speech file was recorded below the training rate: the model learns an empty top band from it; train at its rate or record at a higher one</numerusform>
            <numerusform>%Ln speech files were recorded below the training rate: the model learns an empty top band from them; train at their rate or record at a higher one</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n target file(s)</source>
        <translation>
            <numerusform>%Ln target file</numerusform>
            <numerusform>%Ln target files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>only %n segment(s) per epoch: use shorter segments, more augmentation or more data</source>
        <translation>
            <numerusform>only %Ln segment per epoch: use shorter segments, more augmentation or more data</numerusform>
            <numerusform>only %Ln segments per epoch: use shorter segments, more augmentation or more data</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>paired audio (%n pair(s))</source>
        <translation>
            <numerusform>paired audio (%Ln pair)</numerusform>
            <numerusform>paired audio (%Ln pairs)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DatasetHealth</name>
    <message numerus="yes">
        <source>%n channel(s); most files have {major}</source>
        <translation>
            <numerusform>%Ln channel; most files have {major}</numerusform>
            <numerusform>%Ln channels; most files have {major}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DatasetStats</name>
    <message numerus="yes">
        <source>%n channel(s)</source>
        <translation>
            <numerusform>%Ln channel</numerusform>
            <numerusform>%Ln channels</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s)</source>
        <translation>
            <numerusform>%Ln clip</numerusform>
            <numerusform>%Ln clips</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n epoch(s)</source>
        <translation>
            <numerusform>%Ln epoch</numerusform>
            <numerusform>%Ln epochs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%Ln file</numerusform>
            <numerusform>%Ln files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>health: %n file(s) with problems</source>
        <translation>
            <numerusform>health: %Ln file with problems</numerusform>
            <numerusform>health: %Ln files with problems</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DatasetStatsPanel</name>
    <message numerus="yes">
        <source>%n clip(s) measured in {seconds:.1f} s</source>
        <translation>
            <numerusform>%Ln clip measured in {seconds:.1f} s</numerusform>
            <numerusform>%Ln clips measured in {seconds:.1f} s</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DatasetTab</name>
    <message numerus="yes">
        <source>%n clip(s) in the project. Drop files or folders to add.</source>
        <translation>
            <numerusform>%Ln clip in the project. Drop files or folders to add.</numerusform>
            <numerusform>%Ln clips in the project. Drop files or folders to add.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportPanel</name>
    <message numerus="yes">
        <source>; %n clip(s) gave no piece</source>
        <translation>
            <numerusform>; %Ln clip gave no piece</numerusform>
            <numerusform>; %Ln clips gave no piece</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n failed ({name}: {reason})</source>
        <translation>
            <numerusform>; %Ln failed ({name}: {reason})</numerusform>
            <numerusform>; %Ln failed ({name}: {reason})</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n file(s)</source>
        <translation>
            <numerusform>Exported %Ln file</numerusform>
            <numerusform>Exported %Ln files</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FileBrowser</name>
    <message numerus="yes">
        <source>%n edit(s) applied</source>
        <translation>
            <numerusform>%Ln edit applied</numerusform>
            <numerusform>%Ln edits applied</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FileMenu</name>
    <message numerus="yes">
        <source>Class of %n clip(s): a new name or one of the project&apos;s</source>
        <translation>
            <numerusform>Class of %Ln clip: a new name or one of the project&apos;s</numerusform>
            <numerusform>Class of %Ln clips: a new name or one of the project&apos;s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove %n clip(s) from project (keeps the files)</source>
        <translation>
            <numerusform>Remove clip from project (keeps the files)</numerusform>
            <numerusform>Remove %Ln clips from project (keeps the files)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HardwareAdvice</name>
    <message numerus="yes">
        <source>%n core(s), one kept for the training loop</source>
        <translation>
            <numerusform>%Ln core, kept for the training loop</numerusform>
            <numerusform>%Ln cores, one kept for the training loop</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n step(s)</source>
        <translation>
            <numerusform>%Ln step</numerusform>
            <numerusform>%Ln steps</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n epoch(s) fit in {budget}</source>
        <translation>
            <numerusform>; %Ln epoch fits in {budget}</numerusform>
            <numerusform>; %Ln epochs fit in {budget}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n epoch(s) take about {total}</source>
        <translation>
            <numerusform>; %Ln epoch takes about {total}</numerusform>
            <numerusform>; %Ln epochs take about {total}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportBar</name>
    <message numerus="yes">
        <source> (and %n more, listed under Rejected)</source>
        <translation>
            <numerusform> (and %Ln more, listed under Rejected)</numerusform>
            <numerusform> (and %Ln more, listed under Rejected)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n damaged (kept what decoded)</source>
        <translation>
            <numerusform>, %Ln damaged (kept what decoded)</numerusform>
            <numerusform>, %Ln damaged (kept what decoded)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, relinked %n moved</source>
        <translation>
            <numerusform>, relinked %Ln moved</numerusform>
            <numerusform>, relinked %Ln moved</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Importing %n path(s) as class folders…</source>
        <translation>
            <numerusform>Importing %Ln path as class folders…</numerusform>
            <numerusform>Importing %Ln paths as class folders…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Importing %n path(s)…</source>
        <translation>
            <numerusform>Importing %Ln path…</numerusform>
            <numerusform>Importing %Ln paths…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>added %n</source>
        <translation>
            <numerusform>added %Ln</numerusform>
            <numerusform>added %Ln</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>rejected %n</source>
        <translation>
            <numerusform>rejected %Ln</numerusform>
            <numerusform>rejected %Ln</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>skipped %n</source>
        <translation>
            <numerusform>skipped %Ln</numerusform>
            <numerusform>skipped %Ln</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MediaFailures</name>
    <message numerus="yes">
        <source>%n video stream(s)</source>
        <translation>
            <numerusform>%Ln video stream</numerusform>
            <numerusform>%Ln video streams</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n damaged packet(s) skipped</source>
        <translation>
            <numerusform>; %Ln damaged packet skipped</numerusform>
            <numerusform>; %Ln damaged packets skipped</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NewProjectDialog</name>
    <message numerus="yes">
        <source>%n file(s) or folder(s)</source>
        <translation>
            <numerusform>%Ln file or folder</numerusform>
            <numerusform>%Ln files or folders</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n or more files or folders</source>
        <translation>
            <numerusform>%Ln or more files or folders</numerusform>
            <numerusform>%Ln or more files or folders</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PairFoldersDialog</name>
    <message numerus="yes">
        <source> and %n more</source>
        <translation>
            <numerusform> and %Ln more</numerusform>
            <numerusform> and %Ln more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n ambiguous name(s), not paired (rename so each name is unique per folder): </source>
        <translation>
            <numerusform>%Ln ambiguous name, not paired (rename so each name is unique per folder): </numerusform>
            <numerusform>%Ln ambiguous names, not paired (rename so each name is unique per folder): </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) not usable: </source>
        <translation>
            <numerusform>%Ln file not usable: </numerusform>
            <numerusform>%Ln files not usable: </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n input(s) without a target: </source>
        <translation>
            <numerusform>%Ln input without a target: </numerusform>
            <numerusform>%Ln inputs without a target: </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pair(s) not aligned: </source>
        <translation>
            <numerusform>%Ln pair not aligned: </numerusform>
            <numerusform>%Ln pairs not aligned: </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n target(s) without an input: </source>
        <translation>
            <numerusform>%Ln target without an input: </numerusform>
            <numerusform>%Ln targets without an input: </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; and %n more</source>
        <translation>
            <numerusform>; and %Ln more</numerusform>
            <numerusform>; and %Ln more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Pairing cancelled: %n pair(s) recorded.</source>
        <translation>
            <numerusform>Pairing cancelled: %Ln pair recorded.</numerusform>
            <numerusform>Pairing cancelled: %Ln pairs recorded.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Pairing done: %n pair(s) recorded.</source>
        <translation>
            <numerusform>Pairing done: %Ln pair recorded.</numerusform>
            <numerusform>Pairing done: %Ln pairs recorded.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n more warning(s) (see the log)</source>
        <translation>
            <numerusform>and %Ln more warning (see the log)</numerusform>
            <numerusform>and %Ln more warnings (see the log)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RoleQuestion</name>
    <message numerus="yes">
        <source>%n file(s) ({names}) are in folders whose names do not say what they are for ({folders}).

Import them as:</source>
        <translation>
            <numerusform>%Ln file ({names}) is in a folder whose name does not say what it is for ({folders}).

Import it as:</numerusform>
            <numerusform>%Ln files ({names}) are in folders whose names do not say what they are for ({folders}).

Import them as:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RunView</name>
    <message numerus="yes">
        <source>{heading} after %n epoch(s)</source>
        <translation>
            <numerusform>{heading} after %Ln epoch</numerusform>
            <numerusform>{heading} after %Ln epochs</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SilenceTools</name>
    <message numerus="yes">
        <source>Delete silence would remove %n region(s), {seconds:.2f} s.</source>
        <translation>
            <numerusform>Delete silence would remove %Ln region, {seconds:.2f} s.</numerusform>
            <numerusform>Delete silence would remove %Ln regions, {seconds:.2f} s.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrainMessages</name>
    <message numerus="yes">
        <source>%n class(es) have no training windows (the model can still say them, it will not learn to): {names}</source>
        <translation>
            <numerusform>%Ln class has no training windows (the model can still say it, it will not learn to): {names}</numerusform>
            <numerusform>%Ln classes have no training windows (the model can still say them, it will not learn to): {names}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s)</source>
        <translation>
            <numerusform>%Ln clip</numerusform>
            <numerusform>%Ln clips</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n segment(s)</source>
        <translation>
            <numerusform>%Ln segment</numerusform>
            <numerusform>%Ln segments</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>loss became {loss} %n time(s) (limit {limit}){files}; check the data for clipped, silent or out-of-range files, or lower optim.lr</source>
        <translation>
            <numerusform>loss became {loss} %Ln time (limit {limit}){files}; check the data for clipped, silent or out-of-range files, or lower optim.lr</numerusform>
            <numerusform>loss became {loss} %Ln times (limit {limit}){files}; check the data for clipped, silent or out-of-range files, or lower optim.lr</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>trained %n epoch(s)</source>
        <translation>
            <numerusform>trained %Ln epoch</numerusform>
            <numerusform>trained %Ln epochs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{split}: %n class(es) are new since this run started and are left out: {names}</source>
        <translation>
            <numerusform>{split}: %Ln class is new since this run started and is left out: {names}</numerusform>
            <numerusform>{split}: %Ln classes are new since this run started and are left out: {names}</numerusform>
        </translation>
    </message>
</context>
</TS>
