<?xml version="1.0" encoding="UTF-8"?>
<tileset version="1.8" tiledversion="1.8.2" name="interior" tilewidth="16" tileheight="16" tilecount="176" columns="16">
 <image source="interior.png" width="256" height="176"/>
 <tile id="8">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="13">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
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
  <animation>
   <frame tileid="21" duration="250"/>
   <frame tileid="22" duration="250"/>
   <frame tileid="23" duration="250"/>
   <frame tileid="24" duration="250"/>
  </animation>
 </tile>
 <tile id="22">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
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
 <tile id="28">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
  <animation>
   <frame tileid="28" duration="300"/>
   <frame tileid="29" duration="300"/>
   <frame tileid="30" duration="300"/>
   <frame tileid="31" duration="300"/>
  </animation>
 </tile>
 <tile id="29">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="30">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="31">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="32">
  <properties>
   <property name="solid" type="bool" value="true"/>
   <property name="sort_offset" type="int" value="1"/>
  </properties>
 </tile>
 <tile id="33">
  <properties>
   <property name="solid" type="bool" value="true"/>
   <property name="sort_offset" type="int" value="1"/>
  </properties>
 </tile>
 <tile id="34">
  <properties>
   <property name="solid" type="bool" value="true"/>
   <property name="sort_offset" type="int" value="1"/>
  </properties>
 </tile>
 <tile id="35">
  <properties>
   <property name="solid" type="bool" value="true"/>
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
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="39">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="40">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="41">
  <properties>
   <property name="sort_offset" type="int" value="1"/>
  </properties>
 </tile>
 <tile id="42">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="43">
  <properties>
   <property name="sort_offset" type="int" value="1"/>
  </properties>
 </tile>
 <tile id="44">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="45">
  <properties>
   <property name="sort_offset" type="int" value="2"/>
  </properties>
  <animation>
   <frame tileid="45" duration="500"/>
   <frame tileid="46" duration="500"/>
  </animation>
 </tile>
 <tile id="46">
  <properties>
   <property name="sort_offset" type="int" value="2"/>
  </properties>
 </tile>
 <tile id="47">
  <properties>
   <property name="sort_offset" type="int" value="2"/>
  </properties>
  <animation>
   <frame tileid="47" duration="500"/>
   <frame tileid="48" duration="500"/>
  </animation>
 </tile>
 <tile id="48">
  <properties>
   <property name="sort_offset" type="int" value="2"/>
  </properties>
 </tile>
 <tile id="49">
  <properties>
   <property name="solid" type="bool" value="true"/>
   <property name="sort_offset" type="int" value="1"/>
  </properties>
  <animation>
   <frame tileid="49" duration="500"/>
   <frame tileid="50" duration="500"/>
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
  <animation>
   <frame tileid="51" duration="500"/>
   <frame tileid="52" duration="500"/>
  </animation>
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
   <frame tileid="53" duration="500"/>
   <frame tileid="54" duration="500"/>
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
  <animation>
   <frame tileid="55" duration="500"/>
   <frame tileid="56" duration="500"/>
  </animation>
 </tile>
 <tile id="56">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="57">
  <properties>
   <property name="sort_offset" type="int" value="1"/>
  </properties>
  <animation>
   <frame tileid="57" duration="220"/>
   <frame tileid="58" duration="220"/>
   <frame tileid="59" duration="220"/>
   <frame tileid="60" duration="220"/>
  </animation>
 </tile>
 <tile id="58">
  <properties>
   <property name="sort_offset" type="int" value="1"/>
  </properties>
 </tile>
 <tile id="59">
  <properties>
   <property name="sort_offset" type="int" value="1"/>
  </properties>
 </tile>
 <tile id="60">
  <properties>
   <property name="sort_offset" type="int" value="1"/>
  </properties>
 </tile>
 <tile id="61">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
  <animation>
   <frame tileid="61" duration="220"/>
   <frame tileid="62" duration="220"/>
   <frame tileid="63" duration="220"/>
   <frame tileid="64" duration="220"/>
  </animation>
 </tile>
 <tile id="62">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="63">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="64">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="65">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="66">
  <properties>
   <property name="solid" type="bool" value="true"/>
   <property name="sort_offset" type="int" value="1"/>
  </properties>
 </tile>
 <tile id="67">
  <properties>
   <property name="solid" type="bool" value="true"/>
   <property name="sort_offset" type="int" value="1"/>
  </properties>
 </tile>
 <tile id="68">
  <properties>
   <property name="solid" type="bool" value="true"/>
   <property name="sort_offset" type="int" value="1"/>
  </properties>
 </tile>
 <tile id="69">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="70">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="71">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="72">
  <properties>
   <property name="sort_offset" type="int" value="1"/>
  </properties>
 </tile>
 <tile id="73">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="74">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="75">
  <properties>
   <property name="solid" type="bool" value="true"/>
   <property name="sort_offset" type="int" value="1"/>
  </properties>
 </tile>
 <tile id="76">
  <properties>
   <property name="solid" type="bool" value="true"/>
   <property name="sort_offset" type="int" value="1"/>
  </properties>
 </tile>
 <tile id="77">
  <properties>
   <property name="solid" type="bool" value="true"/>
   <property name="sort_offset" type="int" value="1"/>
  </properties>
 </tile>
 <tile id="78">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="79">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="80">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="81">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="82">
  <properties>
   <property name="sort_offset" type="int" value="1"/>
  </properties>
 </tile>
 <tile id="83">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="84">
  <properties>
   <property name="solid" type="bool" value="true"/>
   <property name="sort_offset" type="int" value="1"/>
  </properties>
  <animation>
   <frame tileid="84" duration="180"/>
   <frame tileid="85" duration="180"/>
   <frame tileid="86" duration="180"/>
   <frame tileid="87" duration="180"/>
  </animation>
 </tile>
 <tile id="85">
  <properties>
   <property name="solid" type="bool" value="true"/>
   <property name="sort_offset" type="int" value="1"/>
  </properties>
 </tile>
 <tile id="86">
  <properties>
   <property name="solid" type="bool" value="true"/>
   <property name="sort_offset" type="int" value="1"/>
  </properties>
 </tile>
 <tile id="87">
  <properties>
   <property name="solid" type="bool" value="true"/>
   <property name="sort_offset" type="int" value="1"/>
  </properties>
 </tile>
 <tile id="88">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
  <animation>
   <frame tileid="88" duration="180"/>
   <frame tileid="89" duration="180"/>
   <frame tileid="90" duration="180"/>
   <frame tileid="91" duration="180"/>
  </animation>
 </tile>
 <tile id="89">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="90">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="91">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="92">
  <properties>
   <property name="solid" type="bool" value="true"/>
   <property name="sort_offset" type="int" value="1"/>
  </properties>
  <animation>
   <frame tileid="92" duration="600"/>
   <frame tileid="93" duration="600"/>
  </animation>
 </tile>
 <tile id="93">
  <properties>
   <property name="solid" type="bool" value="true"/>
   <property name="sort_offset" type="int" value="1"/>
  </properties>
 </tile>
 <tile id="94">
  <properties>
   <property name="solid" type="bool" value="true"/>
   <property name="sort_offset" type="int" value="1"/>
  </properties>
  <animation>
   <frame tileid="94" duration="600"/>
   <frame tileid="95" duration="600"/>
  </animation>
 </tile>
 <tile id="95">
  <properties>
   <property name="solid" type="bool" value="true"/>
   <property name="sort_offset" type="int" value="1"/>
  </properties>
 </tile>
 <tile id="96">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
  <animation>
   <frame tileid="96" duration="600"/>
   <frame tileid="97" duration="600"/>
  </animation>
 </tile>
 <tile id="97">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="98">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
  <animation>
   <frame tileid="98" duration="600"/>
   <frame tileid="99" duration="600"/>
  </animation>
 </tile>
 <tile id="99">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="101">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="102">
  <properties>
   <property name="sort_offset" type="int" value="1"/>
  </properties>
 </tile>
 <tile id="103">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="104">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="105">
  <properties>
   <property name="sort_offset" type="int" value="1"/>
  </properties>
 </tile>
 <tile id="106">
  <properties>
   <property name="sort_offset" type="int" value="1"/>
  </properties>
 </tile>
 <tile id="107">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="108">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="113">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="114">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="119">
  <properties>
   <property name="sort_offset" type="int" value="1"/>
  </properties>
 </tile>
 <tile id="120">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="121">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
  <animation>
   <frame tileid="121" duration="400"/>
   <frame tileid="122" duration="400"/>
   <frame tileid="123" duration="400"/>
  </animation>
 </tile>
 <tile id="122">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="123">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="124">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="125">
  <animation>
   <frame tileid="125" duration="500"/>
   <frame tileid="126" duration="500"/>
  </animation>
 </tile>
 <tile id="127">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="128">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="129">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="130">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="131">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="133">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="134">
  <properties>
   <property name="sort_offset" type="int" value="1"/>
  </properties>
 </tile>
 <tile id="135">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="137">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
  <animation>
   <frame tileid="137" duration="700"/>
   <frame tileid="138" duration="700"/>
  </animation>
 </tile>
 <tile id="138">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="139">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
  <animation>
   <frame tileid="139" duration="700"/>
   <frame tileid="140" duration="700"/>
  </animation>
 </tile>
 <tile id="140">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="141">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
  <animation>
   <frame tileid="141" duration="700"/>
   <frame tileid="142" duration="700"/>
  </animation>
 </tile>
 <tile id="142">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="143">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
  <animation>
   <frame tileid="143" duration="700"/>
   <frame tileid="144" duration="700"/>
  </animation>
 </tile>
 <tile id="144">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="145">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
  <animation>
   <frame tileid="145" duration="700"/>
   <frame tileid="146" duration="700"/>
  </animation>
 </tile>
 <tile id="146">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="147">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
  <animation>
   <frame tileid="147" duration="700"/>
   <frame tileid="148" duration="700"/>
  </animation>
 </tile>
 <tile id="148">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="149">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
  <animation>
   <frame tileid="149" duration="700"/>
   <frame tileid="150" duration="700"/>
  </animation>
 </tile>
 <tile id="150">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="151">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
  <animation>
   <frame tileid="151" duration="700"/>
   <frame tileid="152" duration="700"/>
  </animation>
 </tile>
 <tile id="152">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="153">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
  <animation>
   <frame tileid="153" duration="700"/>
   <frame tileid="154" duration="700"/>
  </animation>
 </tile>
 <tile id="154">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="155">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
  <animation>
   <frame tileid="155" duration="700"/>
   <frame tileid="156" duration="700"/>
  </animation>
 </tile>
 <tile id="156">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="157">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
  <animation>
   <frame tileid="157" duration="700"/>
   <frame tileid="158" duration="700"/>
  </animation>
 </tile>
 <tile id="158">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="159">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
  <animation>
   <frame tileid="159" duration="700"/>
   <frame tileid="160" duration="700"/>
  </animation>
 </tile>
 <tile id="160">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="161">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
  <animation>
   <frame tileid="161" duration="700"/>
   <frame tileid="162" duration="700"/>
  </animation>
 </tile>
 <tile id="162">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="163">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
  <animation>
   <frame tileid="163" duration="700"/>
   <frame tileid="164" duration="700"/>
  </animation>
 </tile>
 <tile id="164">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="165">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
  <animation>
   <frame tileid="165" duration="700"/>
   <frame tileid="166" duration="700"/>
  </animation>
 </tile>
 <tile id="166">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="167">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
  <animation>
   <frame tileid="167" duration="700"/>
   <frame tileid="168" duration="700"/>
  </animation>
 </tile>
 <tile id="168">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="169">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="170">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="172">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
</tileset>
