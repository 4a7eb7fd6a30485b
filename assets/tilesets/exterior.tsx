<?xml version="1.0" encoding="UTF-8"?>
<tileset version="1.8" tiledversion="1.8.2" name="exterior" tilewidth="16" tileheight="16" tilecount="64" columns="16">
 <image source="exterior.png" width="256" height="64"/>
 <tile id="6">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="7">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="8">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="9">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="10">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="11">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="12">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="13">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
  <animation>
   <frame tileid="13" duration="400"/>
   <frame tileid="14" duration="400"/>
   <frame tileid="15" duration="400"/>
  </animation>
 </tile>
 <tile id="14">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="15">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="16">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
  <animation>
   <frame tileid="16" duration="400"/>
   <frame tileid="17" duration="400"/>
   <frame tileid="18" duration="400"/>
  </animation>
 </tile>
 <tile id="17">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="18">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="19">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
  <animation>
   <frame tileid="19" duration="400"/>
   <frame tileid="20" duration="400"/>
   <frame tileid="21" duration="400"/>
  </animation>
 </tile>
 <tile id="20">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="21">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="22">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
  <animation>
   <frame tileid="22" duration="400"/>
   <frame tileid="23" duration="400"/>
   <frame tileid="24" duration="400"/>
  </animation>
 </tile>
 <tile id="23">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="24">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="25">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="26">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="27">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="32">
  <properties>
   <property name="sort_offset" type="int" value="2"/>
  </properties>
 </tile>
 <tile id="33">
  <properties>
   <property name="sort_offset" type="int" value="2"/>
  </properties>
 </tile>
 <tile id="34">
  <properties>
   <property name="sort_offset" type="int" value="1"/>
  </properties>
 </tile>
 <tile id="35">
  <properties>
   <property name="sort_offset" type="int" value="1"/>
  </properties>
 </tile>
 <tile id="36">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="37">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="38">
  <properties>
   <property name="sort_offset" type="int" value="2"/>
  </properties>
 </tile>
 <tile id="39">
  <properties>
   <property name="sort_offset" type="int" value="1"/>
  </properties>
 </tile>
 <tile id="40">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="41">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="42">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="43">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="44">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="45">
  <properties>
   <property name="solid" type="bool" value="true"/>
   <property name="sort_offset" type="int" value="1"/>
  </properties>
  <animation>
   <frame tileid="45" duration="200"/>
   <frame tileid="46" duration="200"/>
   <frame tileid="47" duration="200"/>
   <frame tileid="48" duration="200"/>
  </animation>
 </tile>
 <tile id="46">
  <properties>
   <property name="solid" type="bool" value="true"/>
   <property name="sort_offset" type="int" value="1"/>
  </properties>
 </tile>
 <tile id="47">
  <properties>
   <property name="solid" type="bool" value="true"/>
   <property name="sort_offset" type="int" value="1"/>
  </properties>
 </tile>
 <tile id="48">
  <properties>
   <property name="solid" type="bool" value="true"/>
   <property name="sort_offset" type="int" value="1"/>
  </properties>
 </tile>
 <tile id="49">
  <properties>
   <property name="solid" type="bool" value="true"/>
   <property name="sort_offset" type="int" value="1"/>
  </properties>
  <animation>
   <frame tileid="49" duration="200"/>
   <frame tileid="50" duration="200"/>
   <frame tileid="51" duration="200"/>
   <frame tileid="52" duration="200"/>
  </animation>
 </tile>
 <tile id="50">
  <properties>
   <property name="solid" type="bool" value="true"/>
   <property name="sort_offset" type="int" value="1"/>
  </properties>
 </tile>
 <tile id="51">
  <properties>
   <property name="solid" type="bool" value="true"/>
   <property name="sort_offset" type="int" value="1"/>
  </properties>
 </tile>
 <tile id="52">
  <properties>
   <property name="solid" type="bool" value="true"/>
   <property name="sort_offset" type="int" value="1"/>
  </properties>
 </tile>
 <tile id="53">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
  <animation>
   <frame tileid="53" duration="200"/>
   <frame tileid="54" duration="200"/>
   <frame tileid="55" duration="200"/>
   <frame tileid="56" duration="200"/>
  </animation>
 </tile>
 <tile id="54">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="55">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="56">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="57">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
  <animation>
   <frame tileid="57" duration="200"/>
   <frame tileid="58" duration="200"/>
   <frame tileid="59" duration="200"/>
   <frame tileid="60" duration="200"/>
  </animation>
 </tile>
 <tile id="58">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="59">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="60">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="61">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="62">
  <properties>
   <property name="sort_offset" type="int" value="1"/>
  </properties>
 </tile>
 <tile id="63">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
</tileset>
